"""The knowledge node of the demo world: the real starting content and two demo resources."""

from lotsen.knowledge import content


def seed(stdout) -> None:
    entries = content.read(content.STARTING_CONTENT) + content.read(content.DEMO_CONTENT)
    count = content.load(entries)
    stdout.write(f"  knowledge: {count} resources, one of them a draft")
