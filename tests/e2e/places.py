"""Node ids and names of the sample data that the browser tests open (as the URL carries them)."""

from __future__ import annotations

from urllib.parse import urlencode

KUZBASS = "ter:kemerovskaia-oblast-kuzbass"
POLYSAEVO = f"{KUZBASS}/polysaevskii-gorodskoi-okrug"
NOVOKUZNETSK = f"{KUZBASS}/novokuznetskii-gorodskoi-okrug"
ZAVODSKOI = f"{NOVOKUZNETSK}/zavodskoi-raion"
SCHOOL_33 = "school:" + NOVOKUZNETSK.removeprefix("ter:") + "/mbou-osnovnaia-obshcheobrazovatelnaia-shkola-33"
SCHOOL_35 = "school:" + POLYSAEVO.removeprefix("ter:") + "/mbou-shkola-35"
SCHOOL_33_NAME = 'МБОУ "Основная общеобразовательная школа № 33"'
IMC_POLYSAEVO_NAME = "ИМЦ (Полысаевский городской округ)"

REGIONS = ("Кемеровская область – Кузбасс", "Мурманская область", "Челябинская область")


def view_url(base_url: str, page: str = "", **params: str) -> str:
    """Return the link of a page with view parameters, as a user would paste it.

    >>> view_url("http://h:1", "sroki", ter="ter:k/p")
    'http://h:1/sroki?ter=ter%3Ak%2Fp'
    """
    query = f"?{urlencode(params)}" if params else ""
    return f"{base_url}/{page}{query}"
