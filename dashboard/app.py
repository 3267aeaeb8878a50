"""The entrypoint: `streamlit run dashboard/app.py` (the database comes from env KARTA_DB)."""

from __future__ import annotations

import streamlit as st

from dashboard import navigation, texts

st.set_page_config(page_title=texts.APP_TITLE, page_icon=texts.APP_ICON, layout="wide")
st.navigation(navigation.pages(), position="top").run()
