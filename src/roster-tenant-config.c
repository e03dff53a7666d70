/* roster-tenant-config.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "roster-tenant-config.h"

struct _RosterTenantConfig
{
  GObject           parent_instance;

  char             *id;           /* owned */
  char             *domain;       /* owned */
  char             *api_host;     /* owned, nullable */
  char             *client_id;    /* owned, nullable */
  char             *label;        /* owned, nullable */
  RosterAuthMethod  auth_method;
};

enum {
  PROP_0,
  PROP_ID,
  PROP_DOMAIN,
  PROP_API_HOST,
  PROP_CLIENT_ID,
  PROP_LABEL,
  PROP_AUTH_METHOD,
  PROP_TITLE,
  N_PROPS
};

G_DEFINE_FINAL_TYPE (RosterTenantConfig, roster_tenant_config, G_TYPE_OBJECT)

static GParamSpec *properties[N_PROPS];

/* Keys of one entry of the "tenants" setting. */
#define KEY_ID          "id"
#define KEY_DOMAIN      "domain"
#define KEY_API_HOST    "api-host"
#define KEY_CLIENT_ID   "client-id"
#define KEY_LABEL       "label"
#define KEY_AUTH_METHOD "auth-method"

static const char *
auth_method_to_string (RosterAuthMethod method)
{
  return method == ROSTER_AUTH_METHOD_API_TOKEN ? "api-token" : "client-credentials";
}

static RosterAuthMethod
auth_method_from_string (const char *text)
{
  return g_strcmp0 (text, "api-token") == 0
         ? ROSTER_AUTH_METHOD_API_TOKEN
         : ROSTER_AUTH_METHOD_CLIENT_CREDENTIALS;
}

static void
set_nullable_string (RosterTenantConfig  *self,
                     char               **field,
                     const char          *value,
                     guint                prop_id)
{
  if (value != NULL && *value == '\0')
    value = NULL;

  if (g_strcmp0 (*field, value) != 0)
    {
      g_free (*field);
      *field = g_strdup (value);

      g_object_notify_by_pspec (G_OBJECT (self), properties[prop_id]);

      if (prop_id == PROP_LABEL)
        g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TITLE]);
    }
}

static void
roster_tenant_config_finalize (GObject *object)
{
  RosterTenantConfig *self = (RosterTenantConfig *) object;

  g_clear_pointer (&self->id, g_free);
  g_clear_pointer (&self->domain, g_free);
  g_clear_pointer (&self->api_host, g_free);
  g_clear_pointer (&self->client_id, g_free);
  g_clear_pointer (&self->label, g_free);

  G_OBJECT_CLASS (roster_tenant_config_parent_class)->finalize (object);
}

static void
roster_tenant_config_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  RosterTenantConfig *self = ROSTER_TENANT_CONFIG (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_string (value, self->id);
      break;

    case PROP_DOMAIN:
      g_value_set_string (value, self->domain);
      break;

    case PROP_API_HOST:
      g_value_set_string (value, self->api_host);
      break;

    case PROP_CLIENT_ID:
      g_value_set_string (value, self->client_id);
      break;

    case PROP_LABEL:
      g_value_set_string (value, self->label);
      break;

    case PROP_AUTH_METHOD:
      g_value_set_int (value, self->auth_method);
      break;

    case PROP_TITLE:
      g_value_set_string (value, roster_tenant_config_get_title (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
roster_tenant_config_set_property (GObject      *object,
                                   guint         prop_id,
                                   const GValue *value,
                                   GParamSpec   *pspec)
{
  RosterTenantConfig *self = ROSTER_TENANT_CONFIG (object);

  switch (prop_id)
    {
    case PROP_ID:
      self->id = g_value_dup_string (value);
      break;

    case PROP_DOMAIN:
      self->domain = g_value_dup_string (value);
      break;

    case PROP_API_HOST:
      roster_tenant_config_set_api_host (self, g_value_get_string (value));
      break;

    case PROP_CLIENT_ID:
      roster_tenant_config_set_client_id (self, g_value_get_string (value));
      break;

    case PROP_LABEL:
      roster_tenant_config_set_label (self, g_value_get_string (value));
      break;

    case PROP_AUTH_METHOD:
      self->auth_method = g_value_get_int (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
roster_tenant_config_class_init (RosterTenantConfigClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags construct_only = G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS;
  GParamFlags writable = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = roster_tenant_config_finalize;
  object_class->get_property = roster_tenant_config_get_property;
  object_class->set_property = roster_tenant_config_set_property;

  properties[PROP_ID] = g_param_spec_string ("id", NULL, NULL, NULL, construct_only);
  properties[PROP_DOMAIN] = g_param_spec_string ("domain", NULL, NULL, NULL, construct_only);
  properties[PROP_API_HOST] = g_param_spec_string ("api-host", NULL, NULL, NULL, writable);
  properties[PROP_CLIENT_ID] = g_param_spec_string ("client-id", NULL, NULL, NULL, writable);
  properties[PROP_LABEL] = g_param_spec_string ("label", NULL, NULL, NULL, writable);
  properties[PROP_AUTH_METHOD] =
    g_param_spec_int ("auth-method", NULL, NULL,
                      ROSTER_AUTH_METHOD_CLIENT_CREDENTIALS, ROSTER_AUTH_METHOD_API_TOKEN,
                      ROSTER_AUTH_METHOD_CLIENT_CREDENTIALS, construct_only);
  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
roster_tenant_config_init (RosterTenantConfig *self)
{
}

RosterTenantConfig *
roster_tenant_config_new (const char       *id,
                          const char       *domain,
                          RosterAuthMethod  auth_method)
{
  g_return_val_if_fail (id != NULL && *id != '\0', NULL);
  g_return_val_if_fail (domain != NULL && *domain != '\0', NULL);

  return g_object_new (ROSTER_TYPE_TENANT_CONFIG,
                       "id", id,
                       "domain", domain,
                       "auth-method", auth_method,
                       NULL);
}

const char *
roster_tenant_config_get_id (RosterTenantConfig *self)
{
  g_return_val_if_fail (ROSTER_IS_TENANT_CONFIG (self), NULL);

  return self->id;
}

const char *
roster_tenant_config_get_domain (RosterTenantConfig *self)
{
  g_return_val_if_fail (ROSTER_IS_TENANT_CONFIG (self), NULL);

  return self->domain;
}

const char *
roster_tenant_config_get_api_host (RosterTenantConfig *self)
{
  g_return_val_if_fail (ROSTER_IS_TENANT_CONFIG (self), NULL);

  return self->api_host;
}

void
roster_tenant_config_set_api_host (RosterTenantConfig *self,
                                   const char         *api_host)
{
  g_return_if_fail (ROSTER_IS_TENANT_CONFIG (self));

  set_nullable_string (self, &self->api_host, api_host, PROP_API_HOST);
}

const char *
roster_tenant_config_get_client_id (RosterTenantConfig *self)
{
  g_return_val_if_fail (ROSTER_IS_TENANT_CONFIG (self), NULL);

  return self->client_id;
}

void
roster_tenant_config_set_client_id (RosterTenantConfig *self,
                                    const char         *client_id)
{
  g_return_if_fail (ROSTER_IS_TENANT_CONFIG (self));

  set_nullable_string (self, &self->client_id, client_id, PROP_CLIENT_ID);
}

const char *
roster_tenant_config_get_label (RosterTenantConfig *self)
{
  g_return_val_if_fail (ROSTER_IS_TENANT_CONFIG (self), NULL);

  return self->label;
}

void
roster_tenant_config_set_label (RosterTenantConfig *self,
                                const char         *label)
{
  g_return_if_fail (ROSTER_IS_TENANT_CONFIG (self));

  set_nullable_string (self, &self->label, label, PROP_LABEL);
}

RosterAuthMethod
roster_tenant_config_get_auth_method (RosterTenantConfig *self)
{
  g_return_val_if_fail (ROSTER_IS_TENANT_CONFIG (self), ROSTER_AUTH_METHOD_CLIENT_CREDENTIALS);

  return self->auth_method;
}

const char *
roster_tenant_config_get_title (RosterTenantConfig *self)
{
  g_return_val_if_fail (ROSTER_IS_TENANT_CONFIG (self), NULL);

  return self->label != NULL ? self->label : self->domain;
}

static RosterTenantConfig *
tenant_from_variant (GVariant *entry)
{
  RosterTenantConfig *tenant;
  const char *id = NULL;
  const char *domain = NULL;
  const char *value = NULL;

  if (!g_variant_lookup (entry, KEY_ID, "&s", &id) || *id == '\0' ||
      !g_variant_lookup (entry, KEY_DOMAIN, "&s", &domain) || *domain == '\0')
    {
      g_warning ("Skipped a saved tenant without an id or domain");
      return NULL;
    }

  g_variant_lookup (entry, KEY_AUTH_METHOD, "&s", &value);
  tenant = roster_tenant_config_new (id, domain, auth_method_from_string (value));

  if (g_variant_lookup (entry, KEY_API_HOST, "&s", &value))
    roster_tenant_config_set_api_host (tenant, value);
  if (g_variant_lookup (entry, KEY_CLIENT_ID, "&s", &value))
    roster_tenant_config_set_client_id (tenant, value);
  if (g_variant_lookup (entry, KEY_LABEL, "&s", &value))
    roster_tenant_config_set_label (tenant, value);

  return tenant;
}

GListStore *
roster_tenant_config_load_all (GSettings *settings)
{
  g_autoptr(GVariant) entries = NULL;
  GListStore *store;
  GVariantIter iter;
  GVariant *entry;

  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);

  store = g_list_store_new (ROSTER_TYPE_TENANT_CONFIG);
  entries = g_settings_get_value (settings, "tenants");

  g_variant_iter_init (&iter, entries);
  while ((entry = g_variant_iter_next_value (&iter)) != NULL)
    {
      g_autoptr(RosterTenantConfig) tenant = tenant_from_variant (entry);

      if (tenant != NULL)
        g_list_store_append (store, tenant);

      g_variant_unref (entry);
    }

  return store;
}

static void
add_optional (GVariantBuilder *builder,
              const char      *key,
              const char      *value)
{
  if (value != NULL)
    g_variant_builder_add (builder, "{ss}", key, value);
}

void
roster_tenant_config_save_all (GSettings  *settings,
                               GListModel *tenants)
{
  GVariantBuilder builder;
  guint n_items;

  g_return_if_fail (G_IS_SETTINGS (settings));
  g_return_if_fail (G_IS_LIST_MODEL (tenants));

  g_variant_builder_init (&builder, G_VARIANT_TYPE ("aa{ss}"));
  n_items = g_list_model_get_n_items (tenants);

  for (guint i = 0; i < n_items; i++)
    {
      g_autoptr(RosterTenantConfig) tenant = g_list_model_get_item (tenants, i);

      g_variant_builder_open (&builder, G_VARIANT_TYPE ("a{ss}"));
      g_variant_builder_add (&builder, "{ss}", KEY_ID, tenant->id);
      g_variant_builder_add (&builder, "{ss}", KEY_DOMAIN, tenant->domain);
      g_variant_builder_add (&builder, "{ss}", KEY_AUTH_METHOD,
                             auth_method_to_string (tenant->auth_method));
      add_optional (&builder, KEY_API_HOST, tenant->api_host);
      add_optional (&builder, KEY_CLIENT_ID, tenant->client_id);
      add_optional (&builder, KEY_LABEL, tenant->label);
      g_variant_builder_close (&builder);
    }

  g_settings_set_value (settings, "tenants", g_variant_builder_end (&builder));
}

char *
roster_tenant_config_new_id (void)
{
  return g_uuid_string_random ();
}
