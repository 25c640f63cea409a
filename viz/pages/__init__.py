"""HTML pages: the interactive network page, the browse page, a node's page, the error page.

Every page is one self-contained HTML document: no script, style or font is
fetched from the network (viz/pages/common.py checks it before a page leaves).
"""

from viz.pages.network import cap_subgraph, network_page

__all__ = ["cap_subgraph", "network_page"]
