"""Python-Markdown extensions for the site's content rules. They work in any engine that
runs Python-Markdown extensions (MkDocs today; Zensical reads the same list), unlike MkDocs
hooks, so rules about what a page shows readers belong here."""
