"""Following the story: what Git says about each claim, and what readers get from it.

- :mod:`~generator.story.history`: first publication and every change of each claim, from ``git log``;
- :mod:`~generator.story.corrections`: corrections worded for readers, and ``revisions`` checked against history;
- :mod:`~generator.story.feeds`: Atom feeds of new and corrected claims;
- :mod:`~generator.story.permalinks`: one permanent address per claim, however pages split;
- :mod:`~generator.story.jsonld`: schema.org Dataset and Claim descriptions;
- :mod:`~generator.story.follow`: the :class:`Story` the renderer asks for all of it.
"""
