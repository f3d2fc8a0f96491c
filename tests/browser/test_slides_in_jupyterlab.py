"""Presenting a notebook as slides inside JupyterLab, as a teacher does in a lecture.

jupyterlab-rise adds a button to the notebook toolbar, "Render the current notebook as Reveal
Slideshow (Alt+R)" (command RISE:preview), which opens the slideshow in a panel to the right;
the arrow keys then move through the slides. reveal.js and the slides are served by the Jupyter
server itself, and the notebooks ask for the "white" theme (notebooks/build.py), which loads no web
fonts: the test checks that the page asked nothing of any other host, so a lecture needs no
network.
"""

from urllib.parse import urlparse

from lab_helpers import open_notebook

RISE_FRAME = "iframe[src*='/rise/']"


def test_notebook_renders_as_slides_and_arrow_right_advances(page, lab, output_dir):
    requests = []
    page.on("request", lambda request: requests.append(request.url))

    panel = open_notebook(page, lab, "01_derivatives.ipynb")
    panel.locator(".jp-Toolbar [data-command='RISE:preview']").first.click()

    page.locator(RISE_FRAME).wait_for()
    slides = page.frame_locator(RISE_FRAME)
    present = slides.locator(".reveal .slides section.present:not(.stack)")
    present.first.wait_for()
    frame = next(f for f in page.frames if "/rise/" in f.url)
    page.wait_for_function("(frame) => frame.contentWindow.location.hash.includes('slide-0')",
                           arg=page.locator(RISE_FRAME).element_handle())
    first_id, first_text = present.first.get_attribute("id"), present.first.inner_text()
    assert "derivatives" in first_text.lower(), first_text  # the white theme capitalises titles

    page.locator(RISE_FRAME).focus()  # the keyboard goes to the slideshow, as after a click
    page.keyboard.press("ArrowRight")
    page.wait_for_function(
        "([frame, first]) => { const s = frame.contentDocument.querySelector("
        "'.reveal .slides section.present:not(.stack)'); return s && s.id !== first; }",
        arg=[page.locator(RISE_FRAME).element_handle(), first_id])
    page.wait_for_timeout(800)  # reveal.js slide transition

    second_id, second_text = present.first.get_attribute("id"), present.first.inner_text()
    assert second_id != first_id
    assert second_text != first_text
    assert frame.evaluate("() => location.hash") != "#/slide-0-0"
    page.locator(RISE_FRAME).screenshot(path=output_dir / "01_rise_second_slide.png")

    local = urlparse(lab.base).netloc
    elsewhere = [u for u in requests if urlparse(u).scheme in ("http", "https")
                 and urlparse(u).netloc != local]
    assert not elsewhere, f"the slideshow fetched from other hosts: {elsewhere[:5]}"
