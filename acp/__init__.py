"""The site's own build package: the schema of its data files and front matter, and the
YAML reader that keeps line numbers, so that every mistake is reported as file:line."""
