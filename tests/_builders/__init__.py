"""Shared test builders and helpers, one module per area: hand-made parsed articles
(``actors``, ``events``, ``whenwhere``), store fakes (``store``), analysis stores
(``analysis``), the API server (``api``) and the real ``casus`` command (``cli``)."""
