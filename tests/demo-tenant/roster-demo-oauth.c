/* roster-demo-oauth.c: POST /oauth/token, the client-credentials grant.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "roster-demo-private.h"

static GHashTable *
read_json_parameters (RosterDemoExchange *exchange)
{
  g_autoptr(GHashTable) parameters = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(JsonNode) root = roster_demo_exchange_parse_body (exchange);
  JsonObjectIter iter;
  const char *name;
  JsonNode *value;

  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    return g_steal_pointer (&parameters);

  json_object_iter_init (&iter, json_node_get_object (root));
  while (json_object_iter_next (&iter, &name, &value))
    {
      if (JSON_NODE_HOLDS_VALUE (value) && json_node_get_value_type (value) == G_TYPE_STRING)
        g_hash_table_insert (parameters, g_strdup (name), g_strdup (json_node_get_string (value)));
    }

  return g_steal_pointer (&parameters);
}

/* Reads the parameters of the grant from a JSON or a form-encoded body,
 * which Auth0 both accepts. */
static GHashTable *
read_token_parameters (RosterDemoExchange *exchange)
{
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (exchange->msg);
  const char *content_type = soup_message_headers_get_content_type (headers, NULL);
  g_autofree char *text = NULL;
  const char *data;
  gsize length;

  if (g_strcmp0 (content_type, "application/json") == 0)
    return read_json_parameters (exchange);

  data = g_bytes_get_data (exchange->body, &length);
  text = g_strndup (data != NULL ? data : "", length);

  return soup_form_decode (text);
}

static gboolean
client_is_known (const char *client_id,
                 const char *client_secret)
{
  gboolean known_id = g_strcmp0 (client_id, ROSTER_DEMO_CLIENT_ID) == 0 ||
                      g_strcmp0 (client_id, ROSTER_DEMO_NON_GLOBAL_CLIENT_ID) == 0;

  return known_id && g_strcmp0 (client_secret, ROSTER_DEMO_CLIENT_SECRET) == 0;
}

/* Checks the grant in Auth0's order: grant type, client, audience. Replies
 * with the OAuth error and returns FALSE on the first problem. */
static gboolean
check_grant (RosterDemoExchange *exchange,
             GHashTable         *parameters)
{
  const char *grant_type = g_hash_table_lookup (parameters, "grant_type");
  const char *audience = g_hash_table_lookup (parameters, "audience");
  g_autofree char *description = NULL;

  if (grant_type == NULL)
    {
      roster_demo_reply_oauth_error (exchange, SOUP_STATUS_BAD_REQUEST, "invalid_request",
                                     "Missing required parameter: grant_type");
      return FALSE;
    }

  if (!g_str_equal (grant_type, "client_credentials"))
    {
      description = g_strdup_printf ("Unsupported grant type: %s", grant_type);
      roster_demo_reply_oauth_error (exchange, SOUP_STATUS_BAD_REQUEST, "unsupported_grant_type", description);
      return FALSE;
    }

  if (!client_is_known (g_hash_table_lookup (parameters, "client_id"),
                        g_hash_table_lookup (parameters, "client_secret")))
    {
      roster_demo_reply_oauth_error (exchange, SOUP_STATUS_UNAUTHORIZED, "access_denied", "Unauthorized");
      return FALSE;
    }

  if (audience == NULL)
    {
      roster_demo_reply_oauth_error (exchange, SOUP_STATUS_FORBIDDEN, "access_denied",
                                     "No audience parameter was provided, and no default audience has been configured");
      return FALSE;
    }

  /* Auth0 accepts only its canonical audience, "https://{domain}/api/v2/".
   * The demo tenant accepts any host, because it cannot tell which host
   * name the client used to reach it. */
  if (!g_str_has_suffix (audience, "/api/v2/"))
    {
      description = g_strdup_printf ("Service not enabled within domain: %s", audience);
      roster_demo_reply_oauth_error (exchange, SOUP_STATUS_FORBIDDEN, "access_denied", description);
      return FALSE;
    }

  return TRUE;
}

void
roster_demo_route_token (RosterDemoExchange *exchange)
{
  RosterDemoTenant *tenant = exchange->tenant;
  g_autoptr(GHashTable) parameters = read_token_parameters (exchange);
  g_autoptr(JsonObject) object = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_autofree char *token = NULL;

  if (!check_grant (exchange, parameters))
    return;

  token = roster_demo_tenant_issue_token (tenant,
                                          g_hash_table_lookup (parameters, "client_id"),
                                          g_hash_table_lookup (parameters, "audience"),
                                          tenant->scopes,
                                          ROSTER_DEMO_TOKEN_LIFETIME_SECONDS);

  object = json_object_new ();
  json_object_set_string_member (object, "access_token", token);
  json_object_set_int_member (object, "expires_in", ROSTER_DEMO_TOKEN_LIFETIME_SECONDS);
  json_object_set_string_member (object, "scope", tenant->scopes);
  json_object_set_string_member (object, "token_type", "Bearer");

  node = json_node_new (JSON_NODE_OBJECT);
  json_node_set_object (node, object);
  roster_demo_reply_json (exchange, SOUP_STATUS_OK, node);

  soup_message_headers_replace (soup_server_message_get_response_headers (exchange->msg),
                                "Cache-Control", "no-store");
}
