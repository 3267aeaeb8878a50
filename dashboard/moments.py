"""Stored moments as the user reads them: in the time zone of the user's browser (Moscow when the browser does
not say), while the database keeps them in UTC."""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import polars as pl
import streamlit as st

FALLBACK_ZONE = "Europe/Moscow"
"""The zone of moments when the browser does not tell its own (most users work on Moscow time)."""


def zone_named(name: str | None) -> ZoneInfo:
    """Return the time zone of an IANA name, Moscow's when there is none or it is unknown.

    >>> zone_named("Asia/Novosibirsk").key, zone_named(None).key, zone_named("Mars/Olympus").key
    ('Asia/Novosibirsk', 'Europe/Moscow', 'Europe/Moscow')
    """
    try:
        return ZoneInfo(name) if name else ZoneInfo(FALLBACK_ZONE)
    except (ZoneInfoNotFoundError, ValueError):
        return ZoneInfo(FALLBACK_ZONE)


def zone() -> ZoneInfo:
    """Return the time zone of the user's browser (`st.context.timezone`), Moscow's when it is unknown
    (outside a browser's session too)."""
    return zone_named(st.context.timezone)


def local(moment: datetime) -> datetime:
    """Return a stored moment as the user's wall-clock time, without a zone, to the second (a moment stored
    without a zone is UTC)."""
    return in_zone(moment).replace(tzinfo=None, microsecond=0)


def in_zone(moment: datetime) -> datetime:
    """Return a stored moment in the user's time zone, with the zone (the minutes write it so)."""
    return (moment if moment.tzinfo else moment.replace(tzinfo=UTC)).astimezone(zone())


def label(moment: datetime) -> str:
    """Return a stored moment as the page writes it: the user's date and time, «dd.mm.yyyy hh:mm»."""
    return f"{local(moment):%d.%m.%Y %H:%M}"


def now() -> datetime:
    """Return the present moment in the user's time zone."""
    return datetime.now(zone())


def local_columns(frame: pl.DataFrame) -> pl.DataFrame:
    """Return a frame whose moments with a time zone are the user's wall-clock times (tables and their xlsx
    show them so; Excel has no time zones)."""
    target = zone().key
    return frame.with_columns(
        pl.col(c).dt.convert_time_zone(target).dt.replace_time_zone(None)
        for c, t in frame.schema.items()
        if isinstance(t, pl.Datetime) and t.time_zone is not None
    )
