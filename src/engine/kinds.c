/* kinds.c — the names the engine's enums go by in SQL and JSON. */
#include "ws.h"

const char *
ws_kind_name(ws_kind k)
{
	switch (k)
	{
		case WS_PERSON:
			return "person";
		case WS_ORGANIZATION:
			return "organization";
		case WS_PLACE:
			return "place";
		default:
			return "none";
	}
}

const char *
ws_quote_kind_name(ws_quote_kind k)
{
	switch (k)
	{
		case WS_DIRECT:
			return "direct";
		case WS_MIXED:
			return "mixed";
		default:
			return "indirect";
	}
}
