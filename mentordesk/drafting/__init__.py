"""Drafting: outreach, intro requests, meeting prep, follow-ups, updates and thank-you
notes, assembled from the store and retrieval and checked by a rubric (issue 4)."""

KINDS = ("outreach", "intro", "prep", "followup", "update", "thanks")
