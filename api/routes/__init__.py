"""One router per resource, all under /api/v1 (mounted by api.app.create_app)."""
