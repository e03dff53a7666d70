/* roster-demo-exchange.c: reading a request and writing Auth0's response
 * bodies.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "roster-demo-private.h"

#define JSON_CONTENT_TYPE "application/json; charset=utf-8"

/* libsoup 3.2 has no reason phrase for 429 and calls it "Unknown Error". */
static const char *
get_reason_phrase (guint status)
{
  if (status == ROSTER_DEMO_STATUS_TOO_MANY_REQUESTS)
    return "Too Many Requests";

  return soup_status_get_phrase (status);
}

void
roster_demo_reply_json (RosterDemoExchange *exchange,
                        guint               status,
                        JsonNode           *node)
{
  char *text;
  gsize length;

  g_assert (exchange != NULL);
  g_assert (node != NULL);

  text = json_to_string (node, FALSE);
  length = strlen (text);

  soup_server_message_set_status (exchange->msg, status, get_reason_phrase (status));
  soup_server_message_set_response (exchange->msg, JSON_CONTENT_TYPE, SOUP_MEMORY_TAKE, text, length);
  exchange->status = status;
}

/* Auth0 replies to a successful write with 204, an empty body and still a
 * JSON content type. */
void
roster_demo_reply_no_content (RosterDemoExchange *exchange)
{
  SoupMessageHeaders *headers;

  g_assert (exchange != NULL);

  soup_server_message_set_status (exchange->msg, SOUP_STATUS_NO_CONTENT, NULL);
  headers = soup_server_message_get_response_headers (exchange->msg);
  soup_message_headers_replace (headers, "Content-Type", JSON_CONTENT_TYPE);
  exchange->status = SOUP_STATUS_NO_CONTENT;
}

/* Replies with the Management API's error body: "statusCode", "error" (the
 * reason phrase), "message", and "errorCode" unless @error_code is NULL. */
void
roster_demo_reply_error (RosterDemoExchange *exchange,
                         guint               status,
                         const char         *error_code,
                         const char         *format,
                         ...)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) node = NULL;
  g_autofree char *message = NULL;
  va_list args;

  g_assert (exchange != NULL);
  g_assert (format != NULL);

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "statusCode");
  json_builder_add_int_value (builder, status);
  json_builder_set_member_name (builder, "error");
  json_builder_add_string_value (builder, get_reason_phrase (status));
  json_builder_set_member_name (builder, "message");
  json_builder_add_string_value (builder, message);
  if (error_code != NULL)
    {
      json_builder_set_member_name (builder, "errorCode");
      json_builder_add_string_value (builder, error_code);
    }
  json_builder_end_object (builder);

  node = json_builder_get_root (builder);
  roster_demo_reply_json (exchange, status, node);
}

/* Replies 405 with an Allow header listing @allowed_methods. */
void
roster_demo_reply_method_not_allowed (RosterDemoExchange *exchange,
                                      const char         *allowed_methods)
{
  SoupMessageHeaders *headers;

  g_assert (exchange != NULL);
  g_assert (allowed_methods != NULL);

  headers = soup_server_message_get_response_headers (exchange->msg);
  soup_message_headers_replace (headers, "Allow", allowed_methods);
  roster_demo_reply_error (exchange, SOUP_STATUS_METHOD_NOT_ALLOWED, NULL,
                           "Method %s is not allowed on this path", exchange->method);
}

/* Replies with the OAuth 2.0 error body of /oauth/token (RFC 6749, 5.2). */
void
roster_demo_reply_oauth_error (RosterDemoExchange *exchange,
                               guint               status,
                               const char         *error,
                               const char         *description)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) node = NULL;

  g_assert (exchange != NULL);
  g_assert (error != NULL);
  g_assert (description != NULL);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "error");
  json_builder_add_string_value (builder, error);
  json_builder_set_member_name (builder, "error_description");
  json_builder_add_string_value (builder, description);
  json_builder_end_object (builder);

  node = json_builder_get_root (builder);
  roster_demo_reply_json (exchange, status, node);
}

/* Returns the request body parsed as JSON, or NULL when it is empty or not
 * valid JSON. */
JsonNode *
roster_demo_exchange_parse_body (RosterDemoExchange *exchange)
{
  g_autofree char *text = NULL;
  const char *data;
  gsize length;

  g_assert (exchange != NULL);

  data = g_bytes_get_data (exchange->body, &length);
  if (length == 0)
    return NULL;

  text = g_strndup (data, length);
  if (strlen (text) != length || !g_utf8_validate (text, -1, NULL))
    return NULL;

  return json_from_string (text, NULL);
}

/* Replies 400 invalid_query_string and returns FALSE when the query has a
 * parameter outside @allowed (NULL-terminated), as Auth0's schema
 * validation does. */
gboolean
roster_demo_exchange_check_query (RosterDemoExchange *exchange,
                                  const char * const *allowed)
{
  GHashTableIter iter;
  const char *name;

  g_assert (exchange != NULL);
  g_assert (allowed != NULL);

  g_hash_table_iter_init (&iter, exchange->query);
  while (g_hash_table_iter_next (&iter, (gpointer *) &name, NULL))
    {
      if (!g_strv_contains (allowed, name))
        {
          roster_demo_reply_error (exchange, SOUP_STATUS_BAD_REQUEST, "invalid_query_string",
                                   "Query validation error: 'Additional properties not allowed: %s'.",
                                   name);
          return FALSE;
        }
    }

  return TRUE;
}

/* ---- Request bodies with a list of ids --------------------------------- */

static const char *
describe_json_type (JsonNode *node)
{
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return "null";
  if (JSON_NODE_HOLDS_OBJECT (node))
    return "object";
  if (JSON_NODE_HOLDS_ARRAY (node))
    return "array";

  switch (json_node_get_value_type (node))
    {
    case G_TYPE_STRING:
      return "string";
    case G_TYPE_INT64:
      return "integer";
    case G_TYPE_BOOLEAN:
      return "boolean";
    default:
      return "number";
    }
}

/* Returns the array @key of the JSON object in the body, or replies 400
 * invalid_body and returns NULL. */
static JsonArray *
read_body_array (RosterDemoExchange *exchange,
                 const char         *key)
{
  g_autoptr(JsonNode) root = roster_demo_exchange_parse_body (exchange);
  JsonNode *member;

  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      roster_demo_reply_error (exchange, SOUP_STATUS_BAD_REQUEST, "invalid_body",
                               "Payload validation error: 'Expected type object but found type %s'.",
                               describe_json_type (root));
      return NULL;
    }

  member = json_object_get_member (json_node_get_object (root), key);
  if (member == NULL)
    {
      roster_demo_reply_error (exchange, SOUP_STATUS_BAD_REQUEST, "invalid_body",
                               "Payload validation error: 'Missing required property: %s'.", key);
      return NULL;
    }

  if (!JSON_NODE_HOLDS_ARRAY (member))
    {
      roster_demo_reply_error (exchange, SOUP_STATUS_BAD_REQUEST, "invalid_body",
                               "Payload validation error: 'Expected type array but found type %s' on property %s.",
                               describe_json_type (member), key);
      return NULL;
    }

  return json_array_ref (json_node_get_array (member));
}

/* Reads {"<key>": ["id", ...]} from the body: 1 to @max_items non-empty
 * strings (0 for no maximum). Replies 400 invalid_body and returns NULL
 * otherwise. */
GStrv
roster_demo_exchange_read_ids (RosterDemoExchange *exchange,
                               const char         *key,
                               guint               max_items)
{
  g_autoptr(JsonArray) array = read_body_array (exchange, key);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  guint length;

  if (array == NULL)
    return NULL;

  length = json_array_get_length (array);
  if (length == 0 || (max_items > 0 && length > max_items))
    {
      roster_demo_reply_error (exchange, SOUP_STATUS_BAD_REQUEST, "invalid_body",
                               "Payload validation error: 'Array is too %s (%u), %s %u' on property %s.",
                               length == 0 ? "short" : "long", length,
                               length == 0 ? "minimum" : "maximum", length == 0 ? 1 : max_items,
                               key);
      return NULL;
    }

  for (guint i = 0; i < length; i++)
    {
      JsonNode *element = json_array_get_element (array, i);

      if (!g_str_equal (describe_json_type (element), "string"))
        {
          roster_demo_reply_error (exchange, SOUP_STATUS_BAD_REQUEST, "invalid_body",
                                   "Payload validation error: 'Expected type string but found type %s' on property %s[%u].",
                                   describe_json_type (element), key, i);
          return NULL;
        }
      if (*json_node_get_string (element) == '\0')
        {
          roster_demo_reply_error (exchange, SOUP_STATUS_BAD_REQUEST, "invalid_body",
                                   "Payload validation error: 'String is too short (0 chars), minimum 1' on property %s[%u].",
                                   key, i);
          return NULL;
        }
      g_strv_builder_add (builder, json_node_get_string (element));
    }

  return g_strv_builder_end (builder);
}
