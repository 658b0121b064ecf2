"""The gallery: render every workload in a folder and write an index page (see render.py)."""
