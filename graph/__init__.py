"""fynd: a knowledge graph of the findings of a series of evaluation reports.

The package is a typed library; :mod:`graph.cli` is a thin layer over it.
Data flows one way: catalog -> text repair -> extraction -> RDF model -> store
-> analysis and views.  Heavy dependencies (rdflib, networkx, pyvis, pyshacl)
are imported inside the functions that use them, so ``fynd --help`` stays fast.
"""

__version__ = "0.1.0"
