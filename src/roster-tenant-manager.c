/* roster-tenant-manager.c: the tenants Roster connects to, the one open
 * now, and a client for each. Tenant settings live in GSettings and secrets
 * in the keyring. Tenants used for this run only live in memory alone.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "roster-secret-store.h"
#include "roster-tenant-manager.h"

struct _RosterTenantManager
{
  GObject             parent_instance;

  GSettings          *settings;      /* owned */
  GListStore         *tenants;       /* owned: RosterTenantConfig */
  GHashTable         *unsaved_ids;   /* owned: set of ids used for this run only */
  GHashTable         *clients;       /* owned: id → RosterClient, for token reuse */
  GHashTable         *expiries;      /* owned: id → "exp" of a pasted token (gint64 *) */
  RosterTenantConfig *current;       /* owned, nullable */
};

enum {
  PROP_0,
  PROP_CURRENT,
  N_PROPS
};

G_DEFINE_FINAL_TYPE (RosterTenantManager, roster_tenant_manager, G_TYPE_OBJECT)
G_DEFINE_QUARK (roster-tenant-manager-error-quark, roster_tenant_manager_error)

static GParamSpec *properties[N_PROPS];

/* One save, from the keyring to GSettings. */
typedef struct
{
  RosterTenantConfig *config;  /* owned */
  RosterClient       *client;  /* owned, nullable */
  gint64              expires_at;
  gboolean            has_secret;
} SaveData;

static void
save_data_free (SaveData *data)
{
  g_clear_object (&data->config);
  g_clear_object (&data->client);
  g_free (data);
}

static RosterSecretKind
secret_kind_for (RosterTenantConfig *config)
{
  if (roster_tenant_config_get_auth_method (config) == ROSTER_AUTH_METHOD_API_TOKEN)
    return ROSTER_SECRET_KIND_API_TOKEN;

  return ROSTER_SECRET_KIND_CLIENT_SECRET;
}

static gboolean
find_position (RosterTenantManager *self,
               const char          *tenant_id,
               guint               *position)
{
  guint n_items = g_list_model_get_n_items (G_LIST_MODEL (self->tenants));

  for (guint i = 0; i < n_items; i++)
    {
      g_autoptr(RosterTenantConfig) config = g_list_model_get_item (G_LIST_MODEL (self->tenants), i);

      if (g_strcmp0 (roster_tenant_config_get_id (config), tenant_id) == 0)
        {
          *position = i;
          return TRUE;
        }
    }

  return FALSE;
}

/* Writes the saved tenants, leaving out those used for this run only. */
static void
write_settings (RosterTenantManager *self)
{
  g_autoptr(GListStore) saved = g_list_store_new (ROSTER_TYPE_TENANT_CONFIG);
  guint n_items = g_list_model_get_n_items (G_LIST_MODEL (self->tenants));

  for (guint i = 0; i < n_items; i++)
    {
      g_autoptr(RosterTenantConfig) config = g_list_model_get_item (G_LIST_MODEL (self->tenants), i);

      if (!g_hash_table_contains (self->unsaved_ids, roster_tenant_config_get_id (config)))
        g_list_store_append (saved, config);
    }

  roster_tenant_config_save_all (self->settings, G_LIST_MODEL (saved));
}

/* Adds @config, or replaces the tenant with the same id in place. */
static void
put_tenant (RosterTenantManager *self,
            RosterTenantConfig  *config)
{
  const char *tenant_id = roster_tenant_config_get_id (config);
  guint position;

  if (find_position (self, tenant_id, &position))
    g_list_store_splice (self->tenants, position, 1, (gpointer *) &config, 1);
  else
    g_list_store_append (self->tenants, config);

  if (self->current != NULL &&
      g_strcmp0 (roster_tenant_config_get_id (self->current), tenant_id) == 0)
    {
      g_set_object (&self->current, config);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CURRENT]);
    }
}

static void
set_current (RosterTenantManager *self,
             RosterTenantConfig  *config)
{
  if (!g_set_object (&self->current, config))
    return;

  if (config != NULL && roster_tenant_manager_is_saved (self, roster_tenant_config_get_id (config)))
    g_settings_set_string (self->settings, "last-tenant", roster_tenant_config_get_id (config));

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CURRENT]);
}

static void
roster_tenant_manager_dispose (GObject *object)
{
  RosterTenantManager *self = (RosterTenantManager *) object;

  g_clear_object (&self->current);
  g_clear_pointer (&self->clients, g_hash_table_unref);

  G_OBJECT_CLASS (roster_tenant_manager_parent_class)->dispose (object);
}

static void
roster_tenant_manager_finalize (GObject *object)
{
  RosterTenantManager *self = (RosterTenantManager *) object;

  g_clear_object (&self->settings);
  g_clear_object (&self->tenants);
  g_clear_pointer (&self->unsaved_ids, g_hash_table_unref);
  g_clear_pointer (&self->expiries, g_hash_table_unref);

  G_OBJECT_CLASS (roster_tenant_manager_parent_class)->finalize (object);
}

static void
roster_tenant_manager_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  RosterTenantManager *self = ROSTER_TENANT_MANAGER (object);

  switch (prop_id)
    {
    case PROP_CURRENT:
      g_value_set_object (value, self->current);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
roster_tenant_manager_class_init (RosterTenantManagerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = roster_tenant_manager_dispose;
  object_class->finalize = roster_tenant_manager_finalize;
  object_class->get_property = roster_tenant_manager_get_property;

  properties[PROP_CURRENT] =
    g_param_spec_object ("current", NULL, NULL,
                         ROSTER_TYPE_TENANT_CONFIG,
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
roster_tenant_manager_init (RosterTenantManager *self)
{
  self->unsaved_ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->clients = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  self->expiries = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
}

/**
 * roster_tenant_manager_new:
 * @settings: Roster's settings, with the keys "tenants" and "last-tenant"
 *
 * Returns: (transfer full): a manager of the tenants saved in @settings
 */
RosterTenantManager *
roster_tenant_manager_new (GSettings *settings)
{
  RosterTenantManager *self;

  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);

  self = g_object_new (ROSTER_TYPE_TENANT_MANAGER, NULL);
  self->settings = g_object_ref (settings);
  self->tenants = roster_tenant_config_load_all (settings);

  return self;
}

/**
 * roster_tenant_manager_get_tenants:
 *
 * Returns: (transfer none): the tenants (RosterTenantConfig)
 */
GListModel *
roster_tenant_manager_get_tenants (RosterTenantManager *self)
{
  g_return_val_if_fail (ROSTER_IS_TENANT_MANAGER (self), NULL);

  return G_LIST_MODEL (self->tenants);
}

/**
 * roster_tenant_manager_find:
 *
 * Returns: (transfer none) (nullable): the tenant with @tenant_id
 */
RosterTenantConfig *
roster_tenant_manager_find (RosterTenantManager *self,
                            const char          *tenant_id)
{
  g_autoptr(RosterTenantConfig) config = NULL;
  guint position;

  g_return_val_if_fail (ROSTER_IS_TENANT_MANAGER (self), NULL);
  g_return_val_if_fail (tenant_id != NULL, NULL);

  if (!find_position (self, tenant_id, &position))
    return NULL;

  /* The store keeps its own reference, so the borrowed pointer stays valid. */
  config = g_list_model_get_item (G_LIST_MODEL (self->tenants), position);
  return config;
}

gboolean
roster_tenant_manager_is_saved (RosterTenantManager *self,
                                const char          *tenant_id)
{
  guint position;

  g_return_val_if_fail (ROSTER_IS_TENANT_MANAGER (self), FALSE);
  g_return_val_if_fail (tenant_id != NULL, FALSE);

  return find_position (self, tenant_id, &position) &&
         !g_hash_table_contains (self->unsaved_ids, tenant_id);
}

/**
 * roster_tenant_manager_get_current:
 *
 * Returns: (transfer none) (nullable): the tenant open now
 */
RosterTenantConfig *
roster_tenant_manager_get_current (RosterTenantManager *self)
{
  g_return_val_if_fail (ROSTER_IS_TENANT_MANAGER (self), NULL);

  return self->current;
}

const char *
roster_tenant_manager_get_last_tenant_id (RosterTenantManager *self)
{
  g_autofree char *tenant_id = NULL;
  RosterTenantConfig *config;

  g_return_val_if_fail (ROSTER_IS_TENANT_MANAGER (self), NULL);

  tenant_id = g_settings_get_string (self->settings, "last-tenant");
  if (*tenant_id == '\0')
    return NULL;

  config = roster_tenant_manager_find (self, tenant_id);
  return config != NULL ? roster_tenant_config_get_id (config) : NULL;
}

/**
 * roster_tenant_manager_get_token_expiry:
 *
 * Returns: when the pasted token of the tenant expires, in Unix seconds, or
 *   0 when the tenant uses client credentials or was not opened yet
 */
gint64
roster_tenant_manager_get_token_expiry (RosterTenantManager *self,
                                        const char          *tenant_id)
{
  gint64 *expires_at;

  g_return_val_if_fail (ROSTER_IS_TENANT_MANAGER (self), 0);
  g_return_val_if_fail (tenant_id != NULL, 0);

  expires_at = g_hash_table_lookup (self->expiries, tenant_id);
  return expires_at != NULL ? *expires_at : 0;
}

/**
 * roster_tenant_manager_create_client:
 * @config: the tenant
 * @secret: the client secret or the pasted token, depending on @config's
 *   auth method
 *
 * Creates a client that calls the API on the tenant's API host (its custom
 * domain, when it has one) and requests tokens with the canonical domain's
 * audience, as Auth0 requires for custom domains.
 *
 * Returns: (transfer full) (nullable): the client, or %NULL with
 *   ROSTER_API_ERROR_INVALID_DOMAIN when a domain does not parse
 */
RosterClient *
roster_tenant_manager_create_client (RosterTenantConfig  *config,
                                     const char          *secret,
                                     GError             **error)
{
  const char *domain;
  const char *api_host;
  g_autofree char *canonical_uri = NULL;
  g_autofree char *base_uri = NULL;
  g_autoptr(RosterClient) client = NULL;

  g_return_val_if_fail (ROSTER_IS_TENANT_CONFIG (config), NULL);
  g_return_val_if_fail (secret != NULL, NULL);

  domain = roster_tenant_config_get_domain (config);
  api_host = roster_tenant_config_get_api_host (config);

  canonical_uri = roster_tenant_parse_domain (domain, error);
  if (canonical_uri == NULL)
    return NULL;

  base_uri = api_host != NULL ? roster_tenant_parse_domain (api_host, error) : g_strdup (canonical_uri);
  if (base_uri == NULL)
    return NULL;

  client = roster_client_new (base_uri);
  if (g_strcmp0 (base_uri, canonical_uri) != 0)
    roster_client_set_audience_domain (client, domain);

  if (roster_tenant_config_get_auth_method (config) == ROSTER_AUTH_METHOD_API_TOKEN)
    roster_client_set_access_token (client, secret);
  else
    roster_client_set_client_credentials (client, roster_tenant_config_get_client_id (config), secret);

  return g_steal_pointer (&client);
}

/* Returns the "exp" of a pasted token, or 0 for client credentials. The
 * manager keeps it so the UI can ask for a new token when it expires
 * instead of failing request after request. */
static gint64
read_token_expiry (RosterTenantConfig *config,
                   const char         *secret)
{
  g_autoptr(RosterJwtClaims) claims = NULL;

  if (secret == NULL || roster_tenant_config_get_auth_method (config) != ROSTER_AUTH_METHOD_API_TOKEN)
    return 0;

  claims = roster_jwt_decode (secret, NULL);
  return claims != NULL ? claims->expires_at : 0;
}

static void
set_token_expiry (RosterTenantManager *self,
                  const char          *tenant_id,
                  gint64               expires_at)
{
  if (expires_at == 0)
    g_hash_table_remove (self->expiries, tenant_id);
  else
    g_hash_table_insert (self->expiries, g_strdup (tenant_id), g_memdup2 (&expires_at, sizeof expires_at));
}

void
roster_tenant_manager_add_unsaved (RosterTenantManager *self,
                                   RosterTenantConfig  *config,
                                   RosterClient        *client,
                                   const char          *secret)
{
  const char *tenant_id;

  g_return_if_fail (ROSTER_IS_TENANT_MANAGER (self));
  g_return_if_fail (ROSTER_IS_TENANT_CONFIG (config));
  g_return_if_fail (ROSTER_IS_CLIENT (client));

  tenant_id = roster_tenant_config_get_id (config);
  g_hash_table_add (self->unsaved_ids, g_strdup (tenant_id));
  g_hash_table_replace (self->clients, g_strdup (tenant_id), g_object_ref (client));
  set_token_expiry (self, tenant_id, read_token_expiry (config, secret));
  put_tenant (self, config);

  /* A tenant that was saved before and is now kept for this run only
   * leaves the settings. */
  write_settings (self);

  if (self->current == NULL)
    set_current (self, config);
}

static void
on_secret_saved (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  RosterTenantManager *self = g_task_get_source_object (task);
  SaveData *data = g_task_get_task_data (task);
  const char *tenant_id = roster_tenant_config_get_id (data->config);
  g_autoptr(GError) error = NULL;

  if (!roster_secret_store_save_finish (result, &error))
    {
      g_debug ("Could not store the secret of tenant %s: %s", tenant_id, error->message);
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  g_hash_table_remove (self->unsaved_ids, tenant_id);
  if (data->client != NULL)
    g_hash_table_replace (self->clients, g_strdup (tenant_id), g_object_ref (data->client));
  else
    g_hash_table_remove (self->clients, tenant_id);

  if (data->has_secret)
    set_token_expiry (self, tenant_id, data->expires_at);

  put_tenant (self, data->config);
  write_settings (self);

  g_task_return_boolean (task, TRUE);
}

void
roster_tenant_manager_save_async (RosterTenantManager *self,
                                  RosterTenantConfig  *config,
                                  const char          *secret,
                                  RosterClient        *client,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  SaveData *data;

  g_return_if_fail (ROSTER_IS_TENANT_MANAGER (self));
  g_return_if_fail (ROSTER_IS_TENANT_CONFIG (config));
  g_return_if_fail (client == NULL || ROSTER_IS_CLIENT (client));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, roster_tenant_manager_save_async);

  data = g_new0 (SaveData, 1);
  data->config = g_object_ref (config);
  data->client = client != NULL ? g_object_ref (client) : NULL;
  data->expires_at = read_token_expiry (config, secret);
  data->has_secret = secret != NULL;
  g_task_set_task_data (task, data, (GDestroyNotify) save_data_free);

  if (secret == NULL)
    {
      /* Only the settings changed: the stored secret still fits. */
      put_tenant (self, config);
      write_settings (self);
      g_task_return_boolean (task, TRUE);
      return;
    }

  roster_secret_store_save_async (roster_tenant_config_get_id (config),
                                  secret_kind_for (config),
                                  roster_tenant_config_get_title (config),
                                  secret, cancellable,
                                  on_secret_saved, g_steal_pointer (&task));
}

gboolean
roster_tenant_manager_save_finish (RosterTenantManager  *self,
                                   GAsyncResult         *result,
                                   GError              **error)
{
  g_return_val_if_fail (ROSTER_IS_TENANT_MANAGER (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* A pasted token cannot be renewed, so an expired one is reported before
 * any request instead of as a 401 on every call. */
static gboolean
check_pasted_token (RosterTenantConfig  *config,
                    const char          *token,
                    GError             **error)
{
  g_autoptr(RosterJwtClaims) claims = NULL;

  claims = roster_jwt_decode (token, error);
  if (claims == NULL)
    return FALSE;

  if (claims->expires_at <= g_get_real_time () / G_USEC_PER_SEC)
    {
      g_set_error (error, ROSTER_TENANT_MANAGER_ERROR, ROSTER_TENANT_MANAGER_ERROR_TOKEN_EXPIRED,
                   /* Translators: %s is a tenant's label or domain */
                   _("The access token of %s has expired. Paste a new one."),
                   roster_tenant_config_get_title (config));
      return FALSE;
    }

  return TRUE;
}

static void
on_secret_looked_up (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  RosterTenantManager *self = g_task_get_source_object (task);
  RosterTenantConfig *config = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(RosterClient) client = NULL;
  gint64 expires_at;
  char *secret;

  secret = roster_secret_store_lookup_finish (result, &error);
  if (secret == NULL && error == NULL)
    g_set_error (&error, ROSTER_TENANT_MANAGER_ERROR, ROSTER_TENANT_MANAGER_ERROR_NO_SECRET,
                 /* Translators: %s is a tenant's label or domain */
                 _("The keyring holds no secret for %s. Edit the tenant to enter it again."),
                 roster_tenant_config_get_title (config));

  if (secret != NULL &&
      (roster_tenant_config_get_auth_method (config) != ROSTER_AUTH_METHOD_API_TOKEN ||
       check_pasted_token (config, secret, &error)))
    client = roster_tenant_manager_create_client (config, secret, &error);

  expires_at = read_token_expiry (config, secret);
  roster_secret_store_free_secret (secret);

  if (client == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  g_hash_table_replace (self->clients, g_strdup (roster_tenant_config_get_id (config)),
                        g_object_ref (client));
  set_token_expiry (self, roster_tenant_config_get_id (config), expires_at);
  set_current (self, config);
  g_task_return_pointer (task, g_steal_pointer (&client), g_object_unref);
}

void
roster_tenant_manager_open_async (RosterTenantManager *self,
                                  const char          *tenant_id,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  RosterTenantConfig *config;
  RosterClient *client;

  g_return_if_fail (ROSTER_IS_TENANT_MANAGER (self));
  g_return_if_fail (tenant_id != NULL);
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, roster_tenant_manager_open_async);

  config = roster_tenant_manager_find (self, tenant_id);
  if (config == NULL)
    {
      g_task_return_new_error (task, ROSTER_TENANT_MANAGER_ERROR, ROSTER_TENANT_MANAGER_ERROR_NOT_FOUND,
                               "No tenant with the id %s", tenant_id);
      return;
    }

  client = g_hash_table_lookup (self->clients, tenant_id);
  if (client != NULL)
    {
      set_current (self, config);
      g_task_return_pointer (task, g_object_ref (client), g_object_unref);
      return;
    }

  g_task_set_task_data (task, g_object_ref (config), g_object_unref);
  roster_secret_store_lookup_async (tenant_id, secret_kind_for (config), cancellable,
                                    on_secret_looked_up, g_steal_pointer (&task));
}

/**
 * roster_tenant_manager_open_finish:
 *
 * Returns: (transfer full) (nullable): the tenant's client, or %NULL with
 *   @error set: ROSTER_TENANT_MANAGER_ERROR, an error of the keyring, or
 *   ROSTER_API_ERROR_INVALID_ARGUMENT for a stored token that does not decode
 */
RosterClient *
roster_tenant_manager_open_finish (RosterTenantManager  *self,
                                   GAsyncResult         *result,
                                   GError              **error)
{
  g_return_val_if_fail (ROSTER_IS_TENANT_MANAGER (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
forget_tenant (RosterTenantManager *self,
               const char          *tenant_id)
{
  g_autofree char *last_tenant_id = g_settings_get_string (self->settings, "last-tenant");
  guint position;

  if (self->current != NULL && g_strcmp0 (roster_tenant_config_get_id (self->current), tenant_id) == 0)
    set_current (self, NULL);

  if (g_strcmp0 (last_tenant_id, tenant_id) == 0)
    g_settings_set_string (self->settings, "last-tenant", "");

  g_hash_table_remove (self->clients, tenant_id);
  g_hash_table_remove (self->expiries, tenant_id);
  g_hash_table_remove (self->unsaved_ids, tenant_id);

  if (find_position (self, tenant_id, &position))
    g_list_store_remove (self->tenants, position);

  write_settings (self);
}

static void
on_secret_deleted (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  RosterTenantManager *self = g_task_get_source_object (task);
  const char *tenant_id = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;

  if (!roster_secret_store_delete_finish (result, &error))
    {
      g_debug ("Could not delete the secret of tenant %s: %s", tenant_id, error->message);
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  forget_tenant (self, tenant_id);
  g_task_return_boolean (task, TRUE);
}

void
roster_tenant_manager_remove_async (RosterTenantManager *self,
                                    const char          *tenant_id,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (ROSTER_IS_TENANT_MANAGER (self));
  g_return_if_fail (tenant_id != NULL);
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, roster_tenant_manager_remove_async);
  g_task_set_task_data (task, g_strdup (tenant_id), g_free);

  /* A tenant used for this run only has nothing in the keyring. */
  if (g_hash_table_contains (self->unsaved_ids, tenant_id))
    {
      forget_tenant (self, tenant_id);
      g_task_return_boolean (task, TRUE);
      return;
    }

  roster_secret_store_delete_async (tenant_id, cancellable, on_secret_deleted, g_steal_pointer (&task));
}

gboolean
roster_tenant_manager_remove_finish (RosterTenantManager  *self,
                                     GAsyncResult         *result,
                                     GError              **error)
{
  g_return_val_if_fail (ROSTER_IS_TENANT_MANAGER (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
