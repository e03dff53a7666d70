/* roster-organization.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "roster-api-error.h"
#include "roster-json-private.h"
#include "roster-organization.h"

struct _RosterOrganization
{
  GObject  parent_instance;

  char    *id;            /* owned */
  char    *name;          /* owned, nullable */
  char    *display_name;  /* owned, nullable */
};

enum {
  PROP_0,
  PROP_ID,
  PROP_NAME,
  PROP_DISPLAY_NAME,
  N_PROPS
};

G_DEFINE_FINAL_TYPE (RosterOrganization, roster_organization, G_TYPE_OBJECT)

static GParamSpec *properties[N_PROPS];

static char *
dup_nonempty (const char *text)
{
  if (text == NULL || text[0] == '\0')
    return NULL;

  return g_strdup (text);
}

static void
roster_organization_finalize (GObject *object)
{
  RosterOrganization *self = (RosterOrganization *)object;

  g_clear_pointer (&self->id, g_free);
  g_clear_pointer (&self->name, g_free);
  g_clear_pointer (&self->display_name, g_free);

  G_OBJECT_CLASS (roster_organization_parent_class)->finalize (object);
}

static void
roster_organization_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  RosterOrganization *self = ROSTER_ORGANIZATION (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_string (value, self->id);
      break;

    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;

    case PROP_DISPLAY_NAME:
      g_value_set_string (value, roster_organization_get_display_name (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
roster_organization_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  RosterOrganization *self = ROSTER_ORGANIZATION (object);

  switch (prop_id)
    {
    case PROP_ID:
      self->id = g_value_dup_string (value);
      break;

    case PROP_NAME:
      self->name = dup_nonempty (g_value_get_string (value));
      break;

    case PROP_DISPLAY_NAME:
      self->display_name = dup_nonempty (g_value_get_string (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
roster_organization_class_init (RosterOrganizationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = roster_organization_finalize;
  object_class->get_property = roster_organization_get_property;
  object_class->set_property = roster_organization_set_property;

  properties[PROP_ID] =
    g_param_spec_string ("id", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  properties[PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  properties[PROP_DISPLAY_NAME] =
    g_param_spec_string ("display-name", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
roster_organization_init (RosterOrganization *self)
{
}

RosterOrganization *
roster_organization_new (const char *id,
                         const char *name,
                         const char *display_name)
{
  g_return_val_if_fail (id != NULL && id[0] != '\0', NULL);

  return g_object_new (ROSTER_TYPE_ORGANIZATION,
                       "id", id,
                       "name", name,
                       "display-name", display_name,
                       NULL);
}

/**
 * roster_organization_new_from_json:
 * @object: one item of an organizations list
 * @error: return location for a ROSTER_API_ERROR_INVALID_RESPONSE error
 *
 * Creates an organization from Auth0's organization object. Only "id" is
 * required; "branding", "metadata" and other fields are ignored.
 *
 * Returns: (transfer full) (nullable): the organization, or %NULL when
 *   @object has no "id" string
 */
RosterOrganization *
roster_organization_new_from_json (JsonObject  *object,
                                   GError     **error)
{
  const char *id;

  g_return_val_if_fail (object != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  id = roster_json_object_get_string (object, "id");
  if (id == NULL || id[0] == '\0')
    {
      g_set_error_literal (error, ROSTER_API_ERROR, ROSTER_API_ERROR_INVALID_RESPONSE,
                           _("The tenant sent an organization without an ID."));
      return NULL;
    }

  return roster_organization_new (id,
                                  roster_json_object_get_string (object, "name"),
                                  roster_json_object_get_string (object, "display_name"));
}

const char *
roster_organization_get_id (RosterOrganization *self)
{
  g_return_val_if_fail (ROSTER_IS_ORGANIZATION (self), NULL);

  return self->id;
}

/**
 * roster_organization_get_name:
 * @self: a #RosterOrganization
 *
 * Returns: (nullable): the slug-like name, %NULL when Auth0 omitted it
 */
const char *
roster_organization_get_name (RosterOrganization *self)
{
  g_return_val_if_fail (ROSTER_IS_ORGANIZATION (self), NULL);

  return self->name;
}

/**
 * roster_organization_get_display_name:
 * @self: a #RosterOrganization
 *
 * Returns: the display name, else the name, else the id; never %NULL
 */
const char *
roster_organization_get_display_name (RosterOrganization *self)
{
  g_return_val_if_fail (ROSTER_IS_ORGANIZATION (self), NULL);

  if (self->display_name != NULL)
    return self->display_name;

  if (self->name != NULL)
    return self->name;

  return self->id;
}
