/* roster-demo-member-roles.c: the roles assigned directly to one
 * organization member.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "roster-demo-private.h"

/* Returns the active membership of the user named in the path, or replies
 * 404 and returns NULL. */
static RosterDemoMembership *
find_membership (RosterDemoExchange *exchange)
{
  const char *user_id = roster_demo_exchange_get_api_segments (exchange)[3];
  RosterDemoOrganization *organization = roster_demo_exchange_find_organization (exchange);
  RosterDemoMembership *membership;

  if (organization == NULL)
    return NULL;

  membership = roster_demo_organization_find_member (organization, user_id);
  if (membership == NULL || !membership->active)
    {
      roster_demo_reply_error (exchange, SOUP_STATUS_NOT_FOUND, NULL,
                               "No member found by that user id in organization %s", organization->id);
      return NULL;
    }

  return membership;
}

static JsonNode *
role_to_json (gconstpointer item,
              gpointer      user_data)
{
  const RosterDemoRole *role = item;
  JsonObject *object = json_object_new ();
  JsonNode *node = json_node_new (JSON_NODE_OBJECT);

  json_object_set_string_member (object, "id", role->id);
  json_object_set_string_member (object, "name", role->name);
  json_object_set_string_member (object, "description", role->description);

  json_node_take_object (node, object);
  return node;
}

/* Roles are listed with offset paging only, so no client ever sees this
 * token. RosterDemoListing requires the function all the same. */
static char *
describe_role_checkpoint (gconstpointer item)
{
  const RosterDemoRole *role = item;

  return roster_demo_describe_checkpoint (0, role->id);
}

static void
list_member_roles (RosterDemoExchange *exchange)
{
  static const char * const allowed[] = { "page", "per_page", "include_totals", NULL };
  g_auto(RosterDemoPaging) paging = { 0 };
  RosterDemoMembership *membership;
  RosterDemoListing listing = {
    .collection_key = "roles",
    .describe_checkpoint = describe_role_checkpoint,
    .to_json = role_to_json,
  };

  if (!roster_demo_exchange_require_scope (exchange, "read:organization_member_roles") ||
      !roster_demo_exchange_check_query (exchange, allowed) ||
      !roster_demo_paging_parse (exchange, &paging))
    return;

  membership = find_membership (exchange);
  if (membership == NULL)
    return;

  listing.items = membership->roles;
  roster_demo_listing_reply (exchange, &paging, &listing);
}

/* Looks up every role id of the body. Replies 400 and returns FALSE when
 * one does not exist. */
static gboolean
find_roles (RosterDemoExchange *exchange,
            const char * const *role_ids,
            GPtrArray          *roles)
{
  for (guint i = 0; role_ids[i] != NULL; i++)
    {
      RosterDemoRole *role = roster_demo_data_find_role (exchange->tenant->data, role_ids[i]);

      if (role == NULL)
        {
          roster_demo_reply_error (exchange, SOUP_STATUS_BAD_REQUEST, "invalid_body",
                                   "Payload validation error: role %s does not exist.", role_ids[i]);
          return FALSE;
        }
      g_ptr_array_add (roles, role);
    }

  return TRUE;
}

static void
write_member_roles (RosterDemoExchange *exchange)
{
  static const char * const allowed[] = { NULL };
  gboolean removing = g_str_equal (exchange->method, "DELETE");
  g_autoptr(GPtrArray) roles = g_ptr_array_new ();
  g_auto(GStrv) role_ids = NULL;
  RosterDemoMembership *membership;

  if (!roster_demo_exchange_require_scope (exchange, removing ? "delete:organization_member_roles" : "create:organization_member_roles") ||
      !roster_demo_exchange_check_query (exchange, allowed))
    return;

  role_ids = roster_demo_exchange_read_ids (exchange, "roles", 0);
  if (role_ids == NULL || !find_roles (exchange, (const char * const *) role_ids, roles))
    return;

  membership = find_membership (exchange);
  if (membership == NULL)
    return;

  if (!removing && membership->roles->len + roles->len > ROSTER_DEMO_MAX_ROLES_PER_MEMBER)
    {
      roster_demo_reply_error (exchange, SOUP_STATUS_CONFLICT, NULL,
                               "No more roles can be assigned to this organization member");
      return;
    }

  for (guint i = 0; i < roles->len; i++)
    {
      if (removing)
        roster_demo_membership_remove_role (membership, g_ptr_array_index (roles, i));
      else
        roster_demo_membership_add_role (membership, g_ptr_array_index (roles, i));
    }

  roster_demo_reply_no_content (exchange);
}

void
roster_demo_route_member_roles (RosterDemoExchange *exchange)
{
  g_assert (exchange != NULL);

  if (g_str_equal (exchange->method, "GET"))
    list_member_roles (exchange);
  else
    write_member_roles (exchange);
}
