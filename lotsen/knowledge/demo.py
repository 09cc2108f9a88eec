"""The knowledge node of the demo world: the real starting content and two demo resources."""

from . import starting_content


def seed(stdout) -> None:
    count = starting_content.load(starting_content.ENTRIES + starting_content.DEMO_ENTRIES)
    stdout.write(f"  knowledge: {count} resources, one of them a draft")
