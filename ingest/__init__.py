"""Turning files and text into documents and chunks: loaders, front matter, chunking, sync."""
