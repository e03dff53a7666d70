/* roster-demo-members.c: listing, adding and removing the members of an
 * organization.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "roster-demo-private.h"

typedef enum
{
  MEMBER_FIELD_USER_ID = 1 << 0,
  MEMBER_FIELD_EMAIL   = 1 << 1,
  MEMBER_FIELD_PICTURE = 1 << 2,
  MEMBER_FIELD_NAME    = 1 << 3,
  MEMBER_FIELD_ROLES   = 1 << 4,
} MemberFields;

/* Without "fields", Auth0 returns every field but the roles. */
#define DEFAULT_MEMBER_FIELDS \
  (MEMBER_FIELD_USER_ID | MEMBER_FIELD_EMAIL | MEMBER_FIELD_PICTURE | MEMBER_FIELD_NAME)

static const struct
{
  const char   *name;
  MemberFields  field;
} member_field_names[] = {
  { "user_id", MEMBER_FIELD_USER_ID },
  { "email", MEMBER_FIELD_EMAIL },
  { "picture", MEMBER_FIELD_PICTURE },
  { "name", MEMBER_FIELD_NAME },
  { "roles", MEMBER_FIELD_ROLES },
};

typedef struct
{
  MemberFields  fields;
  const char   *base_uri;  /* for picture URLs */
  gint64        now_us;    /* monotonic time deciding which removed members still show */
} MemberListContext;

/* ---- Listing members --------------------------------------------------- */

static gboolean
lookup_member_field (const char   *name,
                     MemberFields *field)
{
  for (guint i = 0; i < G_N_ELEMENTS (member_field_names); i++)
    {
      if (g_str_equal (member_field_names[i].name, name))
        {
          *field = member_field_names[i].field;
          return TRUE;
        }
    }

  return FALSE;
}

/* Reads "fields" (a comma-separated list) and "include_fields" (whether
 * the list includes or excludes). Replies 400 and returns FALSE on an
 * unknown field. */
static gboolean
parse_member_fields (RosterDemoExchange *exchange,
                     MemberFields       *fields)
{
  const char *text = g_hash_table_lookup (exchange->query, "fields");
  g_auto(GStrv) names = NULL;
  MemberFields listed = 0;
  gboolean include;

  if (!roster_demo_exchange_parse_boolean (exchange, "include_fields", TRUE, &include))
    return FALSE;

  *fields = DEFAULT_MEMBER_FIELDS;
  if (text == NULL)
    return TRUE;

  names = g_strsplit (text, ",", -1);
  for (guint i = 0; names[i] != NULL; i++)
    {
      MemberFields field;

      if (!lookup_member_field (names[i], &field))
        {
          roster_demo_reply_error (exchange, SOUP_STATUS_BAD_REQUEST, "invalid_query_string",
                                   "Query validation error: 'String does not match pattern "
                                   "^((user_id)|(email)|(picture)|(name)|(roles))"
                                   "(,((user_id)|(email)|(picture)|(name)|(roles)))*$' on property fields");
          return FALSE;
        }
      listed |= field;
    }

  *fields = include ? listed : DEFAULT_MEMBER_FIELDS & ~listed;
  return TRUE;
}

static JsonNode *
build_member_roles (const RosterDemoMembership *membership)
{
  JsonArray *array = json_array_new ();
  JsonNode *node = json_node_new (JSON_NODE_ARRAY);

  for (guint i = 0; i < membership->roles->len; i++)
    {
      const RosterDemoRole *role = g_ptr_array_index (membership->roles, i);
      JsonObject *object = json_object_new ();

      json_object_set_string_member (object, "id", role->id);
      json_object_set_string_member (object, "name", role->name);
      json_array_add_object_element (array, object);
    }

  json_node_take_array (node, array);
  return node;
}

/* Serializes a member. Keys whose value the user lacks are left out, never
 * sent as null, as Auth0 does. */
static JsonNode *
membership_to_json (gconstpointer item,
                    gpointer      user_data)
{
  const RosterDemoMembership *membership = item;
  const RosterDemoUser *user = membership->user;
  const MemberListContext *context = user_data;
  JsonObject *object = json_object_new ();
  JsonNode *node = json_node_new (JSON_NODE_OBJECT);

  if (context->fields & MEMBER_FIELD_USER_ID)
    json_object_set_string_member (object, "user_id", user->user_id);
  if ((context->fields & MEMBER_FIELD_EMAIL) && user->email != NULL)
    json_object_set_string_member (object, "email", user->email);
  if ((context->fields & MEMBER_FIELD_PICTURE) && user->avatar != NULL)
    {
      g_autofree char *picture = g_strdup_printf ("%s/avatars/%s.svg", context->base_uri, user->avatar);

      json_object_set_string_member (object, "picture", picture);
    }
  if ((context->fields & MEMBER_FIELD_NAME) && user->name != NULL)
    json_object_set_string_member (object, "name", user->name);
  if (context->fields & MEMBER_FIELD_ROLES)
    json_object_set_member (object, "roles", build_member_roles (membership));

  json_node_take_object (node, object);
  return node;
}

static gboolean
membership_is_listed (gconstpointer item,
                      gpointer      user_data)
{
  const MemberListContext *context = user_data;

  return roster_demo_membership_is_listed (item, context->now_us);
}

static char *
describe_membership_checkpoint (gconstpointer item)
{
  const RosterDemoMembership *membership = item;

  return roster_demo_describe_checkpoint (membership->joined_at_ms, membership->user->user_id);
}

static void
list_members (RosterDemoExchange *exchange)
{
  static const char * const allowed[] = {
    "page", "per_page", "include_totals", "from", "take", "fields", "include_fields", NULL
  };
  MemberListContext context = {
    .base_uri = exchange->tenant->base_uri,
    .now_us = g_get_monotonic_time (),
  };
  g_auto(RosterDemoPaging) paging = { 0 };
  RosterDemoOrganization *organization;
  RosterDemoListing listing = {
    .collection_key = "members",
    .is_listed = membership_is_listed,
    .describe_checkpoint = describe_membership_checkpoint,
    .to_json = membership_to_json,
    .user_data = &context,
    .next_on_final_page = TRUE,
  };

  if (!roster_demo_exchange_require_scope (exchange, "read:organization_members") ||
      !roster_demo_exchange_check_query (exchange, allowed) ||
      !parse_member_fields (exchange, &context.fields))
    return;

  if ((context.fields & MEMBER_FIELD_ROLES) &&
      !roster_demo_exchange_require_scope (exchange, "read:organization_member_roles"))
    return;

  if (!roster_demo_paging_parse (exchange, &paging))
    return;

  organization = roster_demo_exchange_find_organization (exchange);
  if (organization == NULL)
    return;

  listing.items = organization->memberships;
  roster_demo_listing_reply (exchange, &paging, &listing);
}

/* ---- Adding and removing members --------------------------------------- */

/* Takes one request from the member-write bucket. Replies 429 and returns
 * FALSE when the bucket is empty. */
static gboolean
take_member_write (RosterDemoExchange *exchange)
{
  RosterDemoBucket *bucket = &exchange->tenant->member_writes;

  if (bucket->burst == 0 || roster_demo_bucket_take (bucket))
    return TRUE;

  roster_demo_reply_error (exchange, ROSTER_DEMO_STATUS_TOO_MANY_REQUESTS, "too_many_requests",
                           "Global limit has been reached");
  return FALSE;
}

/* Adds every user, or none when one of them does not exist.
 * NOTE: Auth0's response to an unknown user id is not documented, so the
 * 400 invalid_body here is a guess. */
static gboolean
add_members (RosterDemoExchange     *exchange,
             RosterDemoOrganization *organization,
             const char * const     *user_ids)
{
  RosterDemoData *data = exchange->tenant->data;
  gint64 now_ms = g_get_real_time () / 1000;

  for (guint i = 0; user_ids[i] != NULL; i++)
    {
      if (roster_demo_data_find_user (data, user_ids[i]) == NULL)
        {
          roster_demo_reply_error (exchange, SOUP_STATUS_BAD_REQUEST, "invalid_body",
                                   "Payload validation error: user %s does not exist.", user_ids[i]);
          return FALSE;
        }
    }

  for (guint i = 0; user_ids[i] != NULL; i++)
    roster_demo_organization_add_member (organization, roster_demo_data_find_user (data, user_ids[i]), now_ms + i);

  return TRUE;
}

/* Removes the members from the primary store. Ids that are not members are
 * skipped without an error, as recorded Auth0 traffic shows. */
static void
remove_members (RosterDemoExchange     *exchange,
                RosterDemoOrganization *organization,
                const char * const     *user_ids)
{
  gint64 listed_until_us = g_get_monotonic_time () + exchange->tenant->removal_delay_ms * G_GINT64_CONSTANT (1000);

  for (guint i = 0; user_ids[i] != NULL; i++)
    roster_demo_organization_remove_member (organization, user_ids[i], listed_until_us);
}

static void
write_members (RosterDemoExchange *exchange)
{
  static const char * const allowed[] = { NULL };
  gboolean removing = g_str_equal (exchange->method, "DELETE");
  g_auto(GStrv) user_ids = NULL;
  RosterDemoOrganization *organization;

  if (!roster_demo_exchange_require_scope (exchange, removing ? "delete:organization_members" : "create:organization_members") ||
      !roster_demo_exchange_check_query (exchange, allowed) ||
      !take_member_write (exchange))
    return;

  user_ids = roster_demo_exchange_read_ids (exchange, "members", ROSTER_DEMO_MAX_MEMBERS_PER_WRITE);
  if (user_ids == NULL)
    return;

  organization = roster_demo_exchange_find_organization (exchange);
  if (organization == NULL)
    return;

  if (removing)
    remove_members (exchange, organization, (const char * const *) user_ids);
  else if (!add_members (exchange, organization, (const char * const *) user_ids))
    return;

  roster_demo_reply_no_content (exchange);
}

void
roster_demo_route_members (RosterDemoExchange *exchange)
{
  RosterDemoBucket *bucket = &exchange->tenant->member_writes;

  g_assert (exchange != NULL);

  if (g_str_equal (exchange->method, "GET"))
    {
      list_members (exchange);
      return;
    }

  write_members (exchange);
  if (bucket->burst > 0)
    roster_demo_bucket_set_headers (bucket, soup_server_message_get_response_headers (exchange->msg));
}
