import pytest

from lotsen.knowledge.rendering import render_markdown
from lotsen.knowledge.tests.factories import ResourceFactory


def test_it_renders_markdown_headings_lists_tables_and_links():
    html = render_markdown(
        "## Rubrik\n\n- ett\n- två\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n[Lotsen](https://lotsen.test)"
    )
    assert "<h2>Rubrik</h2>" in html
    assert "<li>ett</li>" in html
    assert "<td>1</td>" in html
    assert '<a href="https://lotsen.test" rel="noopener noreferrer">Lotsen</a>' in html


@pytest.mark.parametrize(
    ("markdown", "forbidden"),
    [
        ("Hej <script>alert('x')</script> då", "<script"),
        ('<img src="x" onerror="alert(1)">', "onerror"),
        ('<a href="https://x.test" onclick="steal()">klick</a>', "onclick"),
        ("[klicka](javascript:alert(1))", "javascript:"),
        ('<iframe src="https://evil.test"></iframe>', "<iframe"),
        ('<p style="position:fixed">täcker sidan</p>', "style="),
        ("<svg onload=alert(1)>", "onload"),
    ],
)
def test_script_and_event_handlers_are_rendered_harmless(markdown, forbidden):
    assert forbidden not in render_markdown(markdown).lower()


def test_a_resource_page_shows_hostile_markdown_harmlessly(client, db):
    resource = ResourceFactory(
        body='Läs mer.\n\n<script>document.cookie</script>\n\n<b onmouseover="alert(1)">fet</b>'
    )
    response = client.get(resource.get_absolute_url())
    assert response.status_code == 200
    main = response.text.split("<main", 1)[1]
    assert "<script>document.cookie" not in main
    assert "onmouseover" not in main
    assert "Läs mer." in main
