import pytest

from tests.conftest import login

LISTS = [
    "/api/v1/checkins",
    "/api/v1/listening/conversations",
    "/api/v1/safety/journal",
    "/api/v1/sharing/history",
]


@pytest.mark.parametrize("url", LISTS)
def test_absurd_paging_numbers_get_an_empty_page_not_a_server_error(alice, url):
    client = login(alice)
    for query in ("offset=30069984074220010087645184&limit=-1764353", "offset=-5&limit=999999"):
        response = client.get(f"{url}?{query}")
        assert response.status_code == 200, (url, query, response.status_code)
        assert isinstance(response.json(), list)
