"""The TMF921 Intent Management API gateway: intents in, rendered and committed packages out.

`intent-gateway` serves TMF921 v5 (and the guide's `/intent-gateway/v1/intents`) over a git
repository, the only state it keeps.  Each intent becomes a kpt package cloned from a blueprint,
rendered by the project's pipeline and committed; what the API reports comes from the rendered
resources.  Nothing here translates intents: rendering decides everything.  README.md has the
whole story.  Importing this package imports neither FastAPI nor the functions.
"""
