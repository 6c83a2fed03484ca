"""The WSGI entry point gunicorn.conf.py names (``service.wsgi:app``); imported in each worker."""
from service.app import create_app

app = create_app()
