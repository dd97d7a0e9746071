"""prereview: get Working-Backwards documents ready before the review meeting.

The engine is plain Python (no Prefect): ``prereview.engine.review_path`` reviews a
file; the flows in ``prereview_flows`` run the same steps as a pipeline.
"""

__version__ = "0.1.0"
