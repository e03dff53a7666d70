/* roster-demo-routes.c: routing, access token checks and the organization
 * endpoints of the demo tenant.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "roster-demo-private.h"

typedef void (*RouteFunc) (RosterDemoExchange *exchange);

typedef struct
{
  const char *pattern;  /* segments after /api/v2, "*" matching any one */
  const char *methods;  /* the Allow header */
  RouteFunc   func;
} ApiRoute;

static void list_organizations (RosterDemoExchange *exchange);
static void get_organization   (RosterDemoExchange *exchange);

static const ApiRoute api_routes[] = {
  { "organizations", "GET", list_organizations },
  { "organizations/*", "GET", get_organization },
  { "organizations/*/members", "GET, POST, DELETE", roster_demo_route_members },
  { "organizations/*/members/*/roles", "GET, POST, DELETE", roster_demo_route_member_roles },
};

const char * const *
roster_demo_exchange_get_api_segments (RosterDemoExchange *exchange)
{
  g_assert (exchange != NULL);
  g_assert (exchange->segments != NULL);
  g_assert (g_strv_length (exchange->segments) >= 2);

  return (const char * const *) exchange->segments + 2;
}

/* Replies 403 insufficient_scope and returns FALSE unless the access token
 * grants @scope. */
gboolean
roster_demo_exchange_require_scope (RosterDemoExchange *exchange,
                                    const char         *scope)
{
  const char *granted;
  g_auto(GStrv) scopes = NULL;

  g_assert (exchange != NULL);
  g_assert (exchange->claims != NULL);
  g_assert (scope != NULL);

  granted = json_object_get_string_member_with_default (exchange->claims, "scope", "");
  scopes = g_strsplit (granted, " ", -1);
  if (g_strv_contains ((const char * const *) scopes, scope))
    return TRUE;

  roster_demo_reply_error (exchange, SOUP_STATUS_FORBIDDEN, "insufficient_scope",
                           "Insufficient scope, expected any of: %s", scope);
  return FALSE;
}

/* Replies 404 and returns NULL when the organization named in the path
 * does not exist. Auth0's body for this has no errorCode. */
RosterDemoOrganization *
roster_demo_exchange_find_organization (RosterDemoExchange *exchange)
{
  const char * const *segments = roster_demo_exchange_get_api_segments (exchange);
  RosterDemoOrganization *organization;

  g_assert (segments[0] != NULL && segments[1] != NULL);

  organization = roster_demo_data_find_organization (exchange->tenant->data, segments[1]);
  if (organization == NULL)
    roster_demo_reply_error (exchange, SOUP_STATUS_NOT_FOUND, NULL,
                             "No organization found by that id or name");

  return organization;
}

/* Verifies @token and stores its claims in @exchange. Returns Auth0's 401
 * message for a token that is not valid, or NULL. */
static const char *
verify_bearer_token (RosterDemoExchange *exchange,
                     const char         *token)
{
  RosterDemoJwtStatus status;
  gint64 now_seconds = g_get_real_time () / G_USEC_PER_SEC;

  status = roster_demo_jwt_verify (exchange->tenant->signing_key, token, now_seconds, &exchange->claims);
  switch (status)
    {
    case ROSTER_DEMO_JWT_VALID:
      break;
    case ROSTER_DEMO_JWT_MALFORMED:
      return "Invalid token.";
    case ROSTER_DEMO_JWT_BAD_SIGNATURE:
      return "Invalid signature received for JSON Web Token validation.";
    case ROSTER_DEMO_JWT_EXPIRED:
      return "Expired token received for JSON Web Token validation.";
    default:
      g_assert_not_reached ();
    }

  if (g_strcmp0 (json_object_get_string_member_with_default (exchange->claims, "azp", NULL),
                 ROSTER_DEMO_NON_GLOBAL_CLIENT_ID) == 0)
    return "Client is not global.";

  return NULL;
}

/* Checks the Authorization header. Replies 401 with Auth0's message and
 * returns FALSE when it is missing or its token is not valid. */
static gboolean
authenticate (RosterDemoExchange *exchange)
{
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (exchange->msg);
  const char *authorization = soup_message_headers_get_one (headers, "Authorization");
  const char *problem;

  if (authorization == NULL)
    problem = "Missing authentication";
  else if (g_ascii_strncasecmp (authorization, "Bearer ", strlen ("Bearer ")) != 0)
    problem = "Bad HTTP authentication header format";
  else
    problem = verify_bearer_token (exchange, authorization + strlen ("Bearer "));

  if (problem == NULL)
    return TRUE;

  g_clear_pointer (&exchange->claims, json_object_unref);
  roster_demo_reply_error (exchange, SOUP_STATUS_UNAUTHORIZED, NULL, "%s", problem);
  return FALSE;
}

static gboolean
route_matches (const ApiRoute     *route,
               const char * const *segments)
{
  g_auto(GStrv) pattern = g_strsplit (route->pattern, "/", -1);

  if (g_strv_length (pattern) != g_strv_length ((char **) segments))
    return FALSE;

  for (guint i = 0; pattern[i] != NULL; i++)
    {
      if (!g_str_equal (pattern[i], "*") && !g_str_equal (pattern[i], segments[i]))
        return FALSE;
    }

  return TRUE;
}

static gboolean
method_allowed (const char *methods,
                const char *method)
{
  g_auto(GStrv) allowed = g_strsplit (methods, ", ", -1);

  return g_strv_contains ((const char * const *) allowed, method);
}

/* Routes /api/v2/...: finds the endpoint, then checks the method and the
 * access token before calling it. */
static void
route_api (RosterDemoExchange *exchange)
{
  const char * const *segments = roster_demo_exchange_get_api_segments (exchange);

  for (guint i = 0; i < G_N_ELEMENTS (api_routes); i++)
    {
      const ApiRoute *route = &api_routes[i];

      if (!route_matches (route, segments))
        continue;

      if (!method_allowed (route->methods, exchange->method))
        roster_demo_reply_method_not_allowed (exchange, route->methods);
      else if (authenticate (exchange))
        route->func (exchange);
      return;
    }

  roster_demo_reply_error (exchange, SOUP_STATUS_NOT_FOUND, NULL, "Not Found");
}

void
roster_demo_route (RosterDemoExchange *exchange)
{
  char **segments = exchange->segments;
  guint n_segments;

  g_assert (exchange != NULL);

  if (segments == NULL)
    {
      roster_demo_reply_error (exchange, SOUP_STATUS_BAD_REQUEST, "invalid_uri",
                               "Path validation error: the path contains an invalid percent-encoding");
      return;
    }

  n_segments = g_strv_length (segments);
  if (n_segments == 2 && g_str_equal (segments[0], "oauth") && g_str_equal (segments[1], "token"))
    {
      if (g_str_equal (exchange->method, "POST"))
        roster_demo_route_token (exchange);
      else
        roster_demo_reply_method_not_allowed (exchange, "POST");
    }
  else if (n_segments >= 2 && g_str_equal (segments[0], "api") && g_str_equal (segments[1], "v2"))
    route_api (exchange);
  else if (n_segments == 2 && g_str_equal (segments[0], "avatars"))
    roster_demo_route_avatar (exchange);
  else
    roster_demo_reply_error (exchange, SOUP_STATUS_NOT_FOUND, NULL, "Not Found");
}

/* ---- Organizations ----------------------------------------------------- */

static JsonNode *
organization_to_json (gconstpointer item,
                      gpointer      user_data)
{
  const RosterDemoOrganization *organization = item;
  JsonObject *object = json_object_new ();
  JsonNode *node = json_node_new (JSON_NODE_OBJECT);

  json_object_set_string_member (object, "id", organization->id);
  json_object_set_string_member (object, "name", organization->name);
  if (organization->display_name != NULL)
    json_object_set_string_member (object, "display_name", organization->display_name);

  json_node_take_object (node, object);
  return node;
}

static char *
describe_organization_checkpoint (gconstpointer item)
{
  const RosterDemoOrganization *organization = item;

  return roster_demo_describe_checkpoint (organization->created_at_ms, organization->id);
}

typedef struct
{
  const char *field;
  int         direction;
} SortOrder;

static int
compare_organizations (gconstpointer a,
                       gconstpointer b,
                       gpointer      user_data)
{
  const RosterDemoOrganization *first = *(RosterDemoOrganization * const *) a;
  const RosterDemoOrganization *second = *(RosterDemoOrganization * const *) b;
  const SortOrder *order = user_data;
  int result;

  if (g_str_equal (order->field, "display_name"))
    result = g_strcmp0 (first->display_name, second->display_name);
  else if (g_str_equal (order->field, "created_at"))
    result = (first->created_at_ms > second->created_at_ms) - (first->created_at_ms < second->created_at_ms);
  else
    result = strcmp (first->name, second->name);

  return result * order->direction;
}

/* Parses "sort" ("name:1", "display_name:-1", "created_at:1"). Replies 400
 * and returns FALSE on any other value. */
static gboolean
parse_sort_order (RosterDemoExchange *exchange,
                  SortOrder          *order)
{
  static const char * const fields[] = { "name", "display_name", "created_at", NULL };
  const char *text = g_hash_table_lookup (exchange->query, "sort");
  g_auto(GStrv) parts = NULL;

  order->field = "name";
  order->direction = 1;
  if (text == NULL)
    return TRUE;

  parts = g_strsplit (text, ":", -1);
  if (g_strv_length (parts) == 2 &&
      g_strv_contains (fields, parts[0]) &&
      (g_str_equal (parts[1], "1") || g_str_equal (parts[1], "-1")))
    {
      order->field = g_intern_string (parts[0]);
      order->direction = g_str_equal (parts[1], "1") ? 1 : -1;
      return TRUE;
    }

  roster_demo_reply_error (exchange, SOUP_STATUS_BAD_REQUEST, "invalid_query_string",
                           "Query validation error: 'String does not match pattern "
                           "^(name|display_name|created_at):(1|-1)$' on property sort");
  return FALSE;
}

static void
list_organizations (RosterDemoExchange *exchange)
{
  static const char * const allowed[] = { "page", "per_page", "include_totals", "from", "take", "sort", NULL };
  RosterDemoData *data = exchange->tenant->data;
  g_autoptr(GPtrArray) sorted = NULL;
  g_auto(RosterDemoPaging) paging = { 0 };
  SortOrder order;
  RosterDemoListing listing = {
    .collection_key = "organizations",
    .describe_checkpoint = describe_organization_checkpoint,
    .to_json = organization_to_json,
    .next_on_final_page = FALSE,
  };

  if (!roster_demo_exchange_require_scope (exchange, "read:organizations") ||
      !roster_demo_exchange_check_query (exchange, allowed) ||
      !parse_sort_order (exchange, &order) ||
      !roster_demo_paging_parse (exchange, &paging))
    return;

  /* A plain copy: g_ptr_array_copy() would also copy the free function. */
  sorted = g_ptr_array_new_full (data->organizations->len, NULL);
  g_ptr_array_extend (sorted, data->organizations, NULL, NULL);
  g_ptr_array_sort_with_data (sorted, compare_organizations, &order);
  listing.items = sorted;

  roster_demo_listing_reply (exchange, &paging, &listing);
}

static void
get_organization (RosterDemoExchange *exchange)
{
  static const char * const allowed[] = { NULL };
  RosterDemoOrganization *organization;
  g_autoptr(JsonNode) node = NULL;

  if (!roster_demo_exchange_require_scope (exchange, "read:organizations") ||
      !roster_demo_exchange_check_query (exchange, allowed))
    return;

  organization = roster_demo_exchange_find_organization (exchange);
  if (organization == NULL)
    return;

  node = organization_to_json (organization, NULL);
  roster_demo_reply_json (exchange, SOUP_STATUS_OK, node);
}
