"""Tools shared by the tests (tests/) and the benchmark (bench/): the GitHub Pages-like
server, finding and launching Chromium, the search-box driver and the mapping between
source files, built files and site URLs. It imports neither tests nor bench, so both can
import it without a cycle (tests/test_toolbox.py checks that)."""
