"""The dashboard: the UI shell over the loaders and the model (entrypoint: dashboard/app.py)."""
