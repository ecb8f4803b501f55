from graph.cli import app

app()
