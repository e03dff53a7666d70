/* roster-member.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "roster-api-error.h"
#include "roster-json-private.h"
#include "roster-member.h"

struct _RosterMember
{
  GObject  parent_instance;

  char    *user_id;  /* owned */
  char    *name;     /* owned, nullable */
  char    *email;    /* owned, nullable */
  char    *picture;  /* owned, nullable */
  GStrv    roles;     /* owned, nullable: role names, NULL when the list did not include roles */
  GStrv    role_ids;  /* owned, nullable: the ids of @roles, in the same order */
};

enum {
  PROP_0,
  PROP_USER_ID,
  PROP_NAME,
  PROP_EMAIL,
  PROP_PICTURE,
  PROP_LABEL,
  PROP_ROLES,
  N_PROPS
};

G_DEFINE_FINAL_TYPE (RosterMember, roster_member, G_TYPE_OBJECT)

static GParamSpec *properties[N_PROPS];

/* Auth0 sends "" for some unset fields; treat it like an absent one. */
static char *
dup_nonempty (const char *text)
{
  if (text == NULL || text[0] == '\0')
    return NULL;

  return g_strdup (text);
}

static void
roster_member_finalize (GObject *object)
{
  RosterMember *self = (RosterMember *)object;

  g_clear_pointer (&self->user_id, g_free);
  g_clear_pointer (&self->name, g_free);
  g_clear_pointer (&self->email, g_free);
  g_clear_pointer (&self->picture, g_free);
  g_clear_pointer (&self->roles, g_strfreev);
  g_clear_pointer (&self->role_ids, g_strfreev);

  G_OBJECT_CLASS (roster_member_parent_class)->finalize (object);
}

static void
roster_member_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  RosterMember *self = ROSTER_MEMBER (object);

  switch (prop_id)
    {
    case PROP_USER_ID:
      g_value_set_string (value, self->user_id);
      break;

    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;

    case PROP_EMAIL:
      g_value_set_string (value, self->email);
      break;

    case PROP_PICTURE:
      g_value_set_string (value, self->picture);
      break;

    case PROP_LABEL:
      g_value_set_string (value, roster_member_get_label (self));
      break;

    case PROP_ROLES:
      g_value_set_boxed (value, self->roles);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
roster_member_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  RosterMember *self = ROSTER_MEMBER (object);

  switch (prop_id)
    {
    case PROP_USER_ID:
      self->user_id = g_value_dup_string (value);
      break;

    case PROP_NAME:
      self->name = dup_nonempty (g_value_get_string (value));
      break;

    case PROP_EMAIL:
      self->email = dup_nonempty (g_value_get_string (value));
      break;

    case PROP_PICTURE:
      self->picture = dup_nonempty (g_value_get_string (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
roster_member_class_init (RosterMemberClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = roster_member_finalize;
  object_class->get_property = roster_member_get_property;
  object_class->set_property = roster_member_set_property;

  properties[PROP_USER_ID] =
    g_param_spec_string ("user-id", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  properties[PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  properties[PROP_EMAIL] =
    g_param_spec_string ("email", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  properties[PROP_PICTURE] =
    g_param_spec_string ("picture", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  properties[PROP_LABEL] =
    g_param_spec_string ("label", NULL, NULL,
                         NULL,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  /* The names of the member's roles in the organization, or NULL when the
   * list did not include roles. */
  properties[PROP_ROLES] =
    g_param_spec_boxed ("roles", NULL, NULL,
                        G_TYPE_STRV,
                        (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
roster_member_init (RosterMember *self)
{
}

RosterMember *
roster_member_new (const char *user_id,
                   const char *name,
                   const char *email,
                   const char *picture)
{
  g_return_val_if_fail (user_id != NULL && user_id[0] != '\0', NULL);

  return g_object_new (ROSTER_TYPE_MEMBER,
                       "user-id", user_id,
                       "name", name,
                       "email", email,
                       "picture", picture,
                       NULL);
}

/* Reads "roles" when it is an array. A "roles" key of another type is left
 * out like an absent one, since the contract does not say it can occur. */
static void
set_roles_from_json (RosterMember *self,
                     JsonObject   *object)
{
  g_autoptr(GStrvBuilder) names = NULL;
  g_autoptr(GStrvBuilder) ids = NULL;
  JsonNode *node = json_object_get_member (object, "roles");
  JsonArray *array;

  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    return;

  array = json_node_get_array (node);
  names = g_strv_builder_new ();
  ids = g_strv_builder_new ();

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *element = json_array_get_element (array, i);
      const char *name;
      const char *id;

      if (!JSON_NODE_HOLDS_OBJECT (element))
        continue;

      name = roster_json_object_get_string (json_node_get_object (element), "name");
      id = roster_json_object_get_string (json_node_get_object (element), "id");
      if (name == NULL)
        continue;

      g_strv_builder_add (names, name);
      g_strv_builder_add (ids, id != NULL ? id : "");
    }

  self->roles = g_strv_builder_end (names);
  self->role_ids = g_strv_builder_end (ids);
}

/**
 * roster_member_new_from_json:
 * @object: one item of a members list
 * @error: return location for a ROSTER_API_ERROR_INVALID_RESPONSE error
 *
 * Creates a member from Auth0's member object. Only "user_id" is required;
 * "name", "email", "picture" and "roles" may be absent. "roles" is an
 * array of {"id", "name"} objects; entries without a name are skipped.
 *
 * Returns: (transfer full) (nullable): the member, or %NULL when @object has
 *   no "user_id" string
 */
RosterMember *
roster_member_new_from_json (JsonObject  *object,
                             GError     **error)
{
  RosterMember *member;
  const char *user_id;

  g_return_val_if_fail (object != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  user_id = roster_json_object_get_string (object, "user_id");
  if (user_id == NULL || user_id[0] == '\0')
    {
      g_set_error_literal (error, ROSTER_API_ERROR, ROSTER_API_ERROR_INVALID_RESPONSE,
                           _("The tenant sent a member without a user ID."));
      return NULL;
    }

  member = roster_member_new (user_id,
                              roster_json_object_get_string (object, "name"),
                              roster_json_object_get_string (object, "email"),
                              roster_json_object_get_string (object, "picture"));
  set_roles_from_json (member, object);

  return member;
}

const char *
roster_member_get_user_id (RosterMember *self)
{
  g_return_val_if_fail (ROSTER_IS_MEMBER (self), NULL);

  return self->user_id;
}

const char *
roster_member_get_name (RosterMember *self)
{
  g_return_val_if_fail (ROSTER_IS_MEMBER (self), NULL);

  return self->name;
}

const char *
roster_member_get_email (RosterMember *self)
{
  g_return_val_if_fail (ROSTER_IS_MEMBER (self), NULL);

  return self->email;
}

const char *
roster_member_get_picture (RosterMember *self)
{
  g_return_val_if_fail (ROSTER_IS_MEMBER (self), NULL);

  return self->picture;
}

/**
 * roster_member_get_label:
 * @self: a #RosterMember
 *
 * Returns: the name, else the email, else the user id; never %NULL
 */
const char *
roster_member_get_label (RosterMember *self)
{
  g_return_val_if_fail (ROSTER_IS_MEMBER (self), NULL);

  if (self->name != NULL)
    return self->name;

  if (self->email != NULL)
    return self->email;

  return self->user_id;
}

/**
 * roster_member_get_roles:
 *
 * Returns: (transfer none) (nullable): the names of the member's roles in
 *   the organization, %NULL when the list did not include roles
 */
const char * const *
roster_member_get_roles (RosterMember *self)
{
  g_return_val_if_fail (ROSTER_IS_MEMBER (self), NULL);

  return (const char * const *) self->roles;
}

/**
 * roster_member_get_role_ids:
 *
 * Returns: (transfer none) (nullable): the role ids, in the order of
 *   roster_member_get_roles(), "" where Auth0 sent no id
 */
const char * const *
roster_member_get_role_ids (RosterMember *self)
{
  g_return_val_if_fail (ROSTER_IS_MEMBER (self), NULL);

  return (const char * const *) self->role_ids;
}
