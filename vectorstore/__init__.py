"""The derived search index: embeddings, Chroma, the BM25 keyword index, fusion, filters."""
