"""Content: plain language, key points, sources on every page, one source of truth for
references and evidence (the table, boxes and chart agree with the data files)."""

from __future__ import annotations

import re

import pytest
import yaml
from bs4 import BeautifulSoup

from acp import data as acp_data
from acp.extensions.markers import LEFTOVER
from acp.schema import STATISTICS
from tests.conftest import ROOT, Site
from toolbox.readability import measure
from toolbox.urls import file_of

# The guide: the pages a reader comes for (their URLs are a published contract).
GUIDE = [
    "/", "/chronic-pain/", "/acupuncture/", "/research/", "/benefits/", "/safety/", "/conditions/",
    "/conditions/low-back-pain/", "/conditions/neck-pain/", "/conditions/osteoarthritis/",
    "/conditions/headache-and-migraine/", "/conditions/fibromyalgia/", "/conditions/neuropathic-pain/",
    "/conditions/chronic-primary-pain/", "/conditions/shoulder-pain/", "/conditions/jaw-pain/",
    "/conditions/chronic-prostatitis/", "/conditions/cancer-pain/", "/what-else-helps/", "/sessions/", "/finding-a-practitioner/", "/is-it-right-for-you/",
    "/questions/", "/references/", "/urgent-symptoms/",
]
NOT_PROSE_PAGES = {"/references/"}  # a list of citations, not prose
MAX_GRADE = 8.0
MAX_WORDS_PER_SENTENCE = 18
REFERENCES = yaml.safe_load((ROOT / "data/references.yml").read_text(encoding="utf-8"))
EVIDENCE = [yaml.safe_load(path.read_text(encoding="utf-8")) for path in sorted((ROOT / "data/evidence").glob("*.yml"))]


def html_of(site: Site, url: str) -> str:
    page = file_of(site.root, url)
    assert page, f"no built page at {url}"
    return page.read_text(encoding="utf-8")


def soup_of(site: Site, url: str) -> BeautifulSoup:
    return BeautifulSoup(html_of(site, url), "lxml")


def all_prose_pages(site: Site) -> list[str]:
    return [site.url_of(page) for page in site.pages() if page.name == "index.html" and site.url_of(page) not in NOT_PROSE_PAGES]


def test_every_page_reads_at_grade_8_or_lower(site: Site) -> None:
    too_hard = []
    for url in all_prose_pages(site):
        result = measure(html_of(site, url))
        if result.grade > MAX_GRADE or result.words_per_sentence >= MAX_WORDS_PER_SENTENCE:
            too_hard.append(f"{url}: grade {result.grade:.1f}, {result.words_per_sentence:.1f} words per sentence")
    assert not too_hard, "Pages above a reading age of about 12:\n" + "\n".join(too_hard)


def test_readability_measure_tells_easy_from_hard_text() -> None:
    easy = "<article class='md-content__inner'><p>The cat sat on the mat. It was warm. We like it.</p></article>"
    hard = (
        "<article class='md-content__inner'><p>Methodological heterogeneity substantially complicates "
        "interpretation of standardised mean differences across randomised investigations.</p></article>"
    )
    assert measure(easy).grade < 2
    assert measure(hard).grade > 16


@pytest.mark.parametrize("url", GUIDE)
def test_page_opens_with_at_most_three_key_points(site: Site, url: str) -> None:
    article = soup_of(site, url).select_one("article")
    box = article.select_one(".admonition.key-points")
    assert box, f"{url}: no 'Key points' box"
    assert box.select_one(".admonition-title").get_text(strip=True) == "Key points"
    # The first block a reader sees (the printout's source line is on paper only).
    first_block = next(block for block in article.find_all(["p", "div", "ul", "ol", "table"], recursive=False) if "print-only" not in block.get("class", []))
    assert first_block is box, f"{url}: the Key points box must come first"
    assert 1 <= len(box.select("li")) <= 3, f"{url}: {len(box.select('li'))} key points"


@pytest.mark.parametrize("url", [url for url in GUIDE if url not in ("/", "/references/")])
def test_page_cites_its_sources(site: Site, url: str) -> None:
    soup = soup_of(site, url)
    citations = soup.select("sup.cite a")
    assert citations, f"{url}: no citations"
    sources = soup.select("ol.sources > li")
    # Each citation number points at an entry of the page's own source list.
    numbers = {link["href"] for link in citations}
    assert numbers == {f"#source-{index}" for index in range(1, len(sources) + 1)}


def test_every_reference_has_a_doi_pmid_or_official_url() -> None:
    # The formats of a DOI, PubMed ID and PMC ID are the schema's (acp/schema.py), which every build applies.
    checked = acp_data.references(ROOT)
    assert set(checked) == set(REFERENCES)
    missing = [key for key, entry in checked.items() if not (entry.doi or entry.pmid or entry.pmcid or entry.url)]
    assert not missing
    assert all(entry.title for entry in checked.values())


def test_references_page_lists_every_reference_with_links_built_from_identifiers(site: Site) -> None:
    soup = soup_of(site, "/references/")
    for key, entry in REFERENCES.items():
        item = soup.find(id=key)
        assert item, f"/references/ has no entry for {key}"
        hrefs = {link["href"] for link in item.find_all("a")}
        if entry.get("doi"):
            assert f"https://doi.org/{entry['doi']}" in hrefs
        if entry.get("pmid"):
            assert f"https://pubmed.ncbi.nlm.nih.gov/{entry['pmid']}/" in hrefs


def test_corrected_claims_stay_corrected(site: Site) -> None:
    """The original article's errors (evidence brief, section 10) must not come back."""
    problems = []
    for url in all_prose_pages(site):
        text = " ".join(soup_of(site, url).select_one("article").get_text(" ").split())
        for sentence in re.split(r"(?<=[.!?])\s+", text):
            # Quoting the old claim in order to correct it is fine; stating it is not.
            quoted = re.search(r"[\"“][^\"”]*non-invasive", sentence, re.IGNORECASE)
            if re.search(r"non-invasive", sentence, re.IGNORECASE) and not quoted and not NEGATION.search(sentence):
                problems.append(f"{url}: calls acupuncture non-invasive: {sentence}")
            if re.search(r"\bcure[sd]?\b", sentence, re.IGNORECASE) and not NEGATION.search(sentence):
                problems.append(f"{url}: suggests a cure: {sentence}")
            if re.search(r"WHO\W+endorses", sentence) and not quoted:
                problems.append(f"{url}: repeats the 'WHO endorses' claim: {sentence}")
    assert not problems, "\n".join(problems)


# Wording the second clinical review (clinical-review-2.md) found wrong, by finding: each
# pattern with the sentence it was written to catch, so a pattern that finds nothing fails.
REVIEW_2_WORDING = {
    "M5: CG150 dated 2012 without its later updates": (
        r"\bCG150\b(?![^.]*updated)[^.]*\b2012\b(?![^.]*updated)",
        "NICE's headache guideline (CG150, 2012) says a course of acupuncture may be considered.",
    ),
    "M6: NG226 understated as 'does not recommend'": (
        r"\b(NG226|NICE)\b[^.]*\bdoes not recommend\b[^.]*osteoarthritis|osteoarthritis[^.]*\bNICE\b[^.]*\bdoes not recommend\b",
        "For osteoarthritis, NICE does not recommend acupuncture.",
    ),
    "M14: carpal tunnel on the 2008 AAOS guideline": (
        r"\bAAOS\b[^.]*\b2008\b|\b2008\b[^.]*\bAAOS\b",
        "The AAOS guideline (2008) makes no recommendation on acupuncture for carpal tunnel syndrome.",
    ),
    "m1: SIGN 136 'can be considered'": (
        r"\bSIGN\b[^.]*\bcan be considered\b",
        "SIGN 136 says acupuncture can be considered for short-term relief.",
    ),
    "m2: any side effect called minor": (
        r"\bhave a minor side effect\b",
        "About 9 in 100 people have a minor side effect.",
    ),
    "m4: a share of the effect read as a share of people": (
        r"\b85 in 100 parts\b",
        "About 85 in 100 parts of the effect were still there a year later.",
    ),
    "m8: splints called soft bite guards": (
        r"\bsoft bite guards?\b",
        "Soft bite guards that can be taken out (reversible splints) may help.",
    ),
    "m9: dry needling called another name for Western medical acupuncture": (
        r"\bdry needling is (just )?another name for\b",
        "Dry needling is another name for Western medical acupuncture.",
    ),
    "m17: NG193's '27 studies', seen only in commentary": (
        r"(?<![\d,])27 studies\b",
        "NICE looked at 27 studies of acupuncture.",
    ),
}
CHANGES_LOG = "/about/changes/"  # records the old wording in order to correct it


def review_2_wording(text: str) -> list[str]:
    """The sentences of text that state wording the second clinical review corrected."""
    found = []
    for sentence in re.split(r"(?<=[.!?])\s+", text):
        found += [f"{finding}: {sentence}" for finding, (pattern, _) in REVIEW_2_WORDING.items() if re.search(pattern, sentence, re.IGNORECASE)]
    return found


def test_each_corrected_wording_pattern_finds_the_sentence_it_was_written_for() -> None:
    misses = [finding for finding, (_, example) in REVIEW_2_WORDING.items() if not review_2_wording(example)]
    assert not misses, f"patterns that no longer find their own example: {misses}"
    corrected = [
        "NICE's guideline (NG226) says do not offer acupuncture or dry needling to manage osteoarthritis.",
        "NICE's headache guideline (CG150, 2012, updated 2015; last amended 2024) says a course may be considered.",
        "The 2018 guideline, based on 227 studies, says acupuncture may be offered.",
        "Dry needling overlaps with this, but it is not just another name for it.",
    ]
    assert [review_2_wording(text) for text in corrected] == [[] for _ in corrected]


def test_clinical_review_2_corrections_stay_corrected(site: Site) -> None:
    """The wording the second clinical review found wrong must not come back on any page but
    the changes log, which quotes it to say what changed."""
    problems = []
    for url in all_prose_pages(site):
        if url == CHANGES_LOG:
            continue
        text = " ".join(soup_of(site, url).select_one("article").get_text(" ").split())
        problems += [f"{url}: {found}" for found in review_2_wording(text)]
    assert not problems, "\n".join(problems)


NEGATION = re.compile(r"\b(not|no|never|cannot|nor)\b|n't", re.IGNORECASE)
LEVEL_WORDS = {"high": "high", "moderate": "moderate", "low": "low", "very-low": "very low"}


def source_name(key: str) -> str:
    """How a label names a source: the first author's surname (initials dropped) and the year."""
    reference = REFERENCES[key]
    return f"{reference['authors'][0].rsplit(' ', 1)[0]} {reference['year']}"


def certainty_label(item: dict) -> str:
    """What readers must see for a comparison: whose rating it is (naming the source that
    gives it), then the level."""
    certainty = item["certainty"]
    level = f"{LEVEL_WORDS[certainty['level']]} certainty"
    if "rated_by" in certainty:
        return f"{certainty['rated_by']}, {source_name(certainty['rating_source'])}: {level}"
    return f"Our judgement: {level}, because {certainty['reason']}"


COCHRANE_LABEL = re.compile(r"Cochrane review \(GRADE\)(?:, ([^:()]+))?:")


def test_every_cochrane_label_names_the_cochrane_review_it_comes_from(site: Site) -> None:
    """A reader who sees "Cochrane review (GRADE)" beside several sources must be told which
    review gave the rating, and it must be a Cochrane review (acp/data.py refuses the rest)."""
    cochrane_names = {source_name(key) for key, entry in REFERENCES.items() if entry.get("journal") == "Cochrane Database of Systematic Reviews" and entry.get("authors")}
    labels = []
    for page in site.pages():
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "lxml")
        for element in soup.select(".admonition.evidence li, article td"):
            labels += [(site.url_of(page), match.group(1)) for match in COCHRANE_LABEL.finditer(plain(element))]
    assert labels, "guard: no Cochrane label on any page, so nothing was checked"
    unnamed = [f"{url}: a Cochrane label names {name or 'no review'}" for url, name in labels if name not in cochrane_names]
    assert not unnamed, "\n".join(unnamed)


def plain(node: object) -> str:
    # No separator: inline markup (abbr tooltips, emphasis) must not add spaces.
    return " ".join(node.get_text().split())


def test_comparison_table_matches_the_evidence_files(site: Site) -> None:
    table = soup_of(site, "/conditions/").select_one("#evidence-table ~ table, table")
    rows = {plain(row.find("td")): plain(row) for row in table.select("tbody tr")}
    assert len(rows) == len(EVIDENCE)
    for data in EVIDENCE:
        row = rows[data["condition"]]
        for item in data["comparisons"]:
            assert " ".join(item["effect"].split()) in row, f"{data['condition']}: {item['effect']!r} not in the table"
            assert certainty_label(item) in row, f"{data['condition']}: {certainty_label(item)!r} not in the table"
        for guideline in data["guidelines"]:
            assert guideline["body"] in row


def test_condition_boxes_match_the_evidence_files(site: Site) -> None:
    for data in EVIDENCE:
        url = "/" + data["page"].removesuffix(".md") + "/"
        box = soup_of(site, url).select_one(".admonition.evidence")
        assert box, f"{url}: no Evidence at a glance box"
        text = plain(box)
        assert " ".join(data["summary"].split()) in text
        # The box speaks in plain figures; the statistics and the reasons for each rating are in
        # the collapsed "For clinicians" section.
        clinicians = soup_of(site, url).select_one("#for-clinicians ~ details.clinicians")
        assert clinicians, f"{url}: no For clinicians section"
        figures = plain(clinicians)
        for item in data["comparisons"]:
            shown = " ".join(item.get("plain", item["effect"]).split())
            assert shown in text, f"{url}: {shown!r} missing from the box"
            assert LEVEL_WORDS[item["certainty"]["level"]].capitalize() + " certainty (" in text
            assert not STATISTICS.search(text), f"{url}: the box gives a statistic: {STATISTICS.search(text).group(0)!r}"
            assert certainty_label(item) in figures, f"{url}: {certainty_label(item)!r} missing from For clinicians"
            if "plain" in item:
                assert " ".join(item["effect"].split()) in figures, f"{url}: {item['effect']!r} missing from For clinicians"
            if "effect_size" in item:
                assert f"Standardised mean difference: {item['effect_size']:.2f}" in figures
        for guideline in data["guidelines"]:
            assert guideline["body"] in text and " ".join(guideline["detail"].split()) in text


def test_chart_bars_and_table_match_the_evidence_files(site: Site) -> None:
    soup = soup_of(site, "/conditions/")
    chart = soup.select_one("figure.evidence-figure ul.evidence-chart")
    assert chart and chart.get("aria-labelledby") and soup.find(id=chart["aria-labelledby"])
    charted = [item for data in sorted(EVIDENCE, key=lambda d: d["order"]) for item in data["comparisons"] if "effect_size" in item]
    expected = [item["effect_size"] for item in charted]
    widths = [float(re.search(r"width: ([\d.]+)%", bar["style"]).group(1)) for bar in chart.select(".evidence-chart__bar")]
    labels = [plain(value) for value in chart.select(".evidence-chart__value")]
    assert [float(label.split(" ")[0]) for label in labels] == pytest.approx(expected)
    # Bars are drawn to scale: width divided by effect size is the same for every bar.
    scales = [width / size for width, size in zip(widths, expected)]
    assert len(widths) == len(expected) and max(scales) - min(scales) <= 0.5, scales
    # Each bar says whose certainty rating it carries.
    for label, item in zip(labels, charted):
        whose = "our judgement" if "reason" in item["certainty"] else item["certainty"]["rated_by"].split(" (")[0]
        assert label.endswith(f"{LEVEL_WORDS[item['certainty']['level']]} ({whose})"), label
    # The table equivalent right after the figure carries the same numbers.
    table = chart.find_parent("figure").find_next("table")
    numbers = [float(plain(row.find_all("td")[2])) for row in table.select("tbody tr")]
    assert numbers == pytest.approx(expected)
    assert [plain(row.find_all("td")[3]) for row in table.select("tbody tr")] == [certainty_label(item) for item in charted]


# A claim that the site's own labels are GRADE ratings ("we use GRADE to rate ...").
SITE_CLAIMS_GRADE = re.compile(r"\b(we|this site|the site|our site)\b[^.]*\b(use|uses|using|apply|applies|rate|rates)\b[^.]*\bGRADE\b", re.IGNORECASE)


def test_no_page_claims_grade_for_our_own_judgements(site: Site) -> None:
    """Every comparison says whose certainty rating it is; where the data marks a rating as
    ours, no page may present it as GRADE, and no page may say the site rates with GRADE."""
    assert any("reason" in item["certainty"] for data in EVIDENCE for item in data["comparisons"]), "guard: no judgement of ours to check"
    problems = []
    for page in site.pages():
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "lxml")
        for element in soup.select(".admonition.evidence li, tr"):
            text = plain(element)
            if "Our judgement:" in text and "GRADE" in text.split("Our judgement:")[1].split(")")[0]:
                problems.append(f"{site.url_of(page)}: {text[:160]}")
        article = soup.select_one("article")
        for sentence in re.split(r"(?<=[.!?])\s+", plain(article) if article else ""):
            if SITE_CLAIMS_GRADE.search(sentence):
                problems.append(f"{site.url_of(page)}: {sentence}")
    assert not problems, "\n".join(problems)


def test_no_citation_or_marker_is_left_unrendered(site: Site) -> None:
    """`[@key]`, `[[evidence-box]]` and snippet lines must all turn into content."""
    leftovers = []
    for page in site.pages():
        text = BeautifulSoup(page.read_text(encoding="utf-8"), "lxml").get_text(" ")
        leftovers += [f"{site.url_of(page)}: {found}" for found in LEFTOVER.findall(text)]
    assert not leftovers, "\n".join(leftovers)


# A claim that a clinician checked the site or a page: "a clinical editor checked the site",
# "reviewed by a doctor", "GPs have checked these pages".
CLINICIAN = r"(?:clinicians?|clinical editors?|doctors?|GPs?|nurses?|physiotherapists?|medical (?:reviewers?|editors?))"
CHECKED = r"(?:checked|reviewed|signed off|approved|verified)"
CLINICAL_CHECK_CLAIM = re.compile(
    rf"\b{CLINICIAN}\b[^.;:(]{{0,60}}?\b{CHECKED}\b|\b{CHECKED}\s+by\s+(?:an?\s+|the\s+|our\s+)?(?:independent\s+)?(?:registered\s+)?{CLINICIAN}\b",
    re.IGNORECASE,
)
# "No registered clinician has checked ...", "until a clinician has checked", "not a clinician's check".
NOT_A_CLAIM = re.compile(r"\b(not|no|never|nor|none|yet|until|when|once|if)\b|n't", re.IGNORECASE)


def clinical_check_claims(text: str) -> list[str]:
    """Sentences of `text` that say or imply a clinician checked something."""
    sentences = re.split(r"(?<=[.!?])\s+", " ".join(text.split()))
    return [sentence for sentence in sentences if CLINICAL_CHECK_CLAIM.search(sentence) and not NOT_A_CLAIM.search(sentence)]


def test_clinical_check_claims_are_found_and_denials_are_not() -> None:
    claims = [
        "A clinical editor checked the site.",
        "Every page was reviewed by a doctor.",
        "Our GPs have signed off these pages.",
        "Checked by a registered clinician in November.",
    ]
    denials = [
        "No registered clinician has checked any page on this site yet.",
        "This was not a check by a named, registered clinician.",
        "When a clinician has checked a page, the foot of that page will give their name.",
        "Doctors recorded side effects in about 8 in 100 patients.",
    ]
    assert [clinical_check_claims(text) for text in claims] == [[text] for text in claims]
    assert [clinical_check_claims(text) for text in denials] == [[] for _ in denials]


def test_no_page_says_a_clinician_checked_it_while_none_has(site: Site) -> None:
    """Until a page names a clinical reviewer in its front matter (acp/schema.py), no built
    page may say or imply that a clinician or clinical editor checked the site or a page.
    The source lists are left out: their notes describe the cited sources, not this site."""
    from acp.clinical_review import reviewed_pages

    if reviewed_pages(ROOT):
        pytest.skip("a page names a clinical reviewer: its own credit line says so (test_site_features)")
    claims = []
    for page in site.pages():
        if page.name != "index.html":
            continue
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "lxml")
        for source_list in soup.select("ol.sources, ol.references"):  # notes about cited sources, not this site
            source_list.decompose()
        parts = [soup.select_one("article"), soup.select_one(".page-credits")]
        text = " ".join(part.get_text(" ") for part in parts if part is not None)
        claims += [f"{site.url_of(page)}: {sentence}" for sentence in clinical_check_claims(text)]
    assert not claims, "No page names a clinical reviewer, yet these say a clinician checked:\n" + "\n".join(claims)
