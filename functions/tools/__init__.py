"""Command-line tools around the functions: render without a container engine, add a site to a package."""
