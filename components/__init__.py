"""Streamlit pieces shared by several pages: the data, the view, figures and meeting cards."""
