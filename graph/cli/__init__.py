from graph.cli.app import app  # noqa: F401
