/* roster-demo-listing.c: paging parameters and the three shapes of a list
 * response (bare array, include_totals object, checkpoint object).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "roster-demo-private.h"

/* Replies 400 invalid_query_string and returns FALSE unless parameter
 * @name is absent (then *@value is @fallback) or an integer within
 * [@minimum, @maximum]. */
static gboolean
parse_integer (RosterDemoExchange *exchange,
               const char         *name,
               gint64              minimum,
               gint64              maximum,
               guint               fallback,
               guint              *value)
{
  const char *text = g_hash_table_lookup (exchange->query, name);
  gint64 number;

  if (text == NULL)
    {
      *value = fallback;
      return TRUE;
    }

  if (!g_ascii_string_to_signed (text, 10, G_MININT64, G_MAXINT64, &number, NULL))
    {
      roster_demo_reply_error (exchange, SOUP_STATUS_BAD_REQUEST, "invalid_query_string",
                               "Query validation error: 'Expected type integer but found type string' on property %s",
                               name);
      return FALSE;
    }

  if (number < minimum || number > maximum)
    {
      roster_demo_reply_error (exchange, SOUP_STATUS_BAD_REQUEST, "invalid_query_string",
                               "Query validation error: 'Value %" G_GINT64_FORMAT " is %s %s %" G_GINT64_FORMAT "' on property %s",
                               number,
                               number < minimum ? "less than" : "greater than",
                               number < minimum ? "minimum" : "maximum",
                               number < minimum ? minimum : maximum,
                               name);
      return FALSE;
    }

  *value = (guint) number;
  return TRUE;
}

/* Replies 400 invalid_query_string and returns FALSE unless parameter
 * @name is absent (then *@value is @fallback), "true" or "false". */
gboolean
roster_demo_exchange_parse_boolean (RosterDemoExchange *exchange,
                                    const char         *name,
                                    gboolean            fallback,
                                    gboolean           *value)
{
  const char *text = g_hash_table_lookup (exchange->query, name);

  if (text == NULL)
    {
      *value = fallback;
      return TRUE;
    }

  if (g_str_equal (text, "true") || g_str_equal (text, "false"))
    {
      *value = g_str_equal (text, "true");
      return TRUE;
    }

  roster_demo_reply_error (exchange, SOUP_STATUS_BAD_REQUEST, "invalid_query_string",
                           "Query validation error: 'Expected type boolean but found type string' on property %s",
                           name);
  return FALSE;
}

/* Offset paging only reaches the first 1000 records. Where exactly Auth0
 * draws the line is not documented. Here a page that would end past
 * record 1000 fails.
 * NOTE: the check uses per_page as requested, before the cap at 50. */
static gboolean
check_offset_window (RosterDemoExchange *exchange,
                     guint               page,
                     guint               requested_per_page)
{
  if ((guint64) page * requested_per_page + requested_per_page <= ROSTER_DEMO_MAX_OFFSET_RECORDS)
    return TRUE;

  roster_demo_reply_error (exchange, SOUP_STATUS_BAD_REQUEST, "invalid_paging",
                           "Requesting page exceeds the allowed maximum of %u records",
                           ROSTER_DEMO_MAX_OFFSET_RECORDS);
  return FALSE;
}

/* Reads page, per_page, include_totals, take and from. Replies 400 and
 * returns FALSE on an invalid value. Page sizes from 51 to 100 are capped
 * at 50 without an error, as on Auth0's Public Cloud. */
gboolean
roster_demo_paging_parse (RosterDemoExchange *exchange,
                          RosterDemoPaging   *paging)
{
  guint requested_per_page;

  g_assert (exchange != NULL);
  g_assert (paging != NULL);

  *paging = (RosterDemoPaging) { 0 };

  if (!roster_demo_exchange_parse_boolean (exchange, "include_totals", FALSE, &paging->include_totals) ||
      !parse_integer (exchange, "page", 0, ROSTER_DEMO_MAX_OFFSET_RECORDS, 0, &paging->page) ||
      !parse_integer (exchange, "per_page", 1, ROSTER_DEMO_MAX_PAGE_SIZE, ROSTER_DEMO_PAGE_SIZE, &requested_per_page) ||
      !parse_integer (exchange, "take", 1, ROSTER_DEMO_MAX_PAGE_SIZE, ROSTER_DEMO_PAGE_SIZE, &paging->take))
    return FALSE;

  paging->per_page = MIN (requested_per_page, ROSTER_DEMO_PAGE_SIZE);
  paging->take = MIN (paging->take, ROSTER_DEMO_PAGE_SIZE);

  /* "take" selects checkpoint paging even next to include_totals and
   * per_page, and "from" without "take" is ignored. */
  paging->checkpoint = g_hash_table_contains (exchange->query, "take");
  if (paging->checkpoint)
    {
      paging->from = g_strdup (g_hash_table_lookup (exchange->query, "from"));
      return TRUE;
    }

  return check_offset_window (exchange, paging->page, requested_per_page);
}

void
roster_demo_paging_clear (RosterDemoPaging *paging)
{
  g_assert (paging != NULL);

  g_clear_pointer (&paging->from, g_free);
}

/* Returns "<timestamp>UTC,<id>", what Auth0's checkpoint tokens were seen
 * to contain before base64 encoding. */
char *
roster_demo_describe_checkpoint (gint64      created_at_ms,
                                 const char *id)
{
  g_autoptr(GDateTime) time = g_date_time_new_from_unix_utc (created_at_ms / 1000);
  g_autofree char *seconds = g_date_time_format (time, "%Y-%m-%d %H:%M:%S");

  g_assert (id != NULL);

  return g_strdup_printf ("%s.%06dUTC,%s", seconds, (int) (created_at_ms % 1000) * 1000, id);
}

static char *
encode_checkpoint (const RosterDemoListing *listing,
                   gconstpointer            item)
{
  g_autofree char *checkpoint = listing->describe_checkpoint (item);

  return g_base64_encode ((const guchar *) checkpoint, strlen (checkpoint));
}

static gboolean
item_is_listed (const RosterDemoListing *listing,
                gconstpointer            item)
{
  return listing->is_listed == NULL || listing->is_listed (item, listing->user_data);
}

/* Finds the item a "from" token points at. Items that are no longer
 * listed still count, so that paging goes on after a removal. */
static gboolean
find_checkpoint (const RosterDemoListing *listing,
                 const char              *from,
                 guint                   *index)
{
  for (guint i = 0; i < listing->items->len; i++)
    {
      g_autofree char *token = encode_checkpoint (listing, g_ptr_array_index (listing->items, i));

      if (g_str_equal (token, from))
        {
          *index = i;
          return TRUE;
        }
    }

  return FALSE;
}

static JsonNode *
build_collection_object (const RosterDemoListing *listing,
                         JsonArray               *array,
                         JsonObject             **object_out)
{
  JsonNode *node = json_node_new (JSON_NODE_OBJECT);
  JsonObject *object = json_object_new ();

  json_object_set_array_member (object, listing->collection_key, json_array_ref (array));
  json_node_take_object (node, object);
  *object_out = object;

  return node;
}

static void
reply_checkpoint_page (RosterDemoExchange      *exchange,
                       const RosterDemoListing *listing,
                       JsonArray               *array,
                       gconstpointer            last_item,
                       gboolean                 has_more)
{
  JsonObject *object;
  g_autoptr(JsonNode) node = build_collection_object (listing, array, &object);

  if (last_item != NULL && (has_more || listing->next_on_final_page))
    {
      g_autofree char *next = encode_checkpoint (listing, last_item);

      json_object_set_string_member (object, "next", next);
    }

  roster_demo_reply_json (exchange, SOUP_STATUS_OK, node);
}

static void
reply_checkpoint (RosterDemoExchange      *exchange,
                  const RosterDemoPaging  *paging,
                  const RosterDemoListing *listing)
{
  g_autoptr(JsonArray) array = json_array_new ();
  gconstpointer last_item = NULL;
  gboolean has_more = FALSE;
  guint start = 0;

  if (paging->from != NULL)
    {
      if (!find_checkpoint (listing, paging->from, &start))
        {
          roster_demo_reply_error (exchange, SOUP_STATUS_BAD_REQUEST, "invalid_query_string",
                                   "Query validation error: 'Invalid checkpoint token' on property from");
          return;
        }
      start++;
    }

  for (guint i = start; i < listing->items->len; i++)
    {
      gconstpointer item = g_ptr_array_index (listing->items, i);

      if (!item_is_listed (listing, item))
        continue;

      if (json_array_get_length (array) == paging->take)
        {
          has_more = TRUE;
          break;
        }

      json_array_add_element (array, listing->to_json (item, listing->user_data));
      last_item = item;
    }

  reply_checkpoint_page (exchange, listing, array, last_item, has_more);
}

static void
reply_offset (RosterDemoExchange      *exchange,
              const RosterDemoPaging  *paging,
              const RosterDemoListing *listing)
{
  g_autoptr(JsonArray) array = json_array_new ();
  g_autoptr(JsonNode) node = NULL;
  guint start = paging->page * paging->per_page;
  guint total = 0;

  for (guint i = 0; i < listing->items->len; i++)
    {
      gconstpointer item = g_ptr_array_index (listing->items, i);

      if (!item_is_listed (listing, item))
        continue;

      if (total >= start && total < start + paging->per_page)
        json_array_add_element (array, listing->to_json (item, listing->user_data));
      total++;
    }

  if (paging->include_totals)
    {
      JsonObject *object;

      node = build_collection_object (listing, array, &object);
      json_object_set_int_member (object, "start", start);
      json_object_set_int_member (object, "limit", paging->per_page);
      json_object_set_int_member (object, "total", total);
    }
  else
    {
      node = json_node_new (JSON_NODE_ARRAY);
      json_node_set_array (node, array);
    }

  roster_demo_reply_json (exchange, SOUP_STATUS_OK, node);
}

/* Replies with one page of @listing in the shape @paging selects. */
void
roster_demo_listing_reply (RosterDemoExchange      *exchange,
                           const RosterDemoPaging  *paging,
                           const RosterDemoListing *listing)
{
  g_assert (exchange != NULL);
  g_assert (paging != NULL);
  g_assert (listing != NULL);

  if (paging->checkpoint)
    reply_checkpoint (exchange, paging, listing);
  else
    reply_offset (exchange, paging, listing);
}
