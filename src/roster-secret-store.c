/* roster-secret-store.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <libsecret/secret.h>

#include "roster-secret-store.h"

static const SecretSchema *
get_schema (void)
{
  static const SecretSchema schema = {
    "io.github.roster_app.Roster.Tenant",
    SECRET_SCHEMA_NONE,
    {
      { "tenant", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { "kind", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { NULL, 0 },
    },
  };

  return &schema;
}

static const char *
kind_to_string (RosterSecretKind kind)
{
  switch (kind)
    {
    case ROSTER_SECRET_KIND_CLIENT_SECRET:
      return "client-secret";

    case ROSTER_SECRET_KIND_API_TOKEN:
      return "api-token";

    default:
      g_assert_not_reached ();
    }
}

static void
save_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;

  if (!secret_password_store_finish (result, &error))
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_boolean (task, TRUE);
}

void
roster_secret_store_save_async (const char          *tenant_id,
                                RosterSecretKind     kind,
                                const char          *tenant_label,
                                const char          *secret,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autofree char *label = NULL;

  g_return_if_fail (tenant_id != NULL);
  g_return_if_fail (tenant_label != NULL);
  g_return_if_fail (secret != NULL);
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, roster_secret_store_save_async);

  /* Translators: the label of a keyring item, shown in Passwords and Keys.
   * %s is a tenant's label or domain. */
  label = g_strdup_printf (kind == ROSTER_SECRET_KIND_API_TOKEN
                           ? _("Roster: Management API token for %s")
                           : _("Roster: client secret for %s"),
                           tenant_label);

  secret_password_store (get_schema (), SECRET_COLLECTION_DEFAULT, label, secret,
                         cancellable, save_cb, g_steal_pointer (&task),
                         "tenant", tenant_id,
                         "kind", kind_to_string (kind),
                         NULL);
}

gboolean
roster_secret_store_save_finish (GAsyncResult  *result,
                                 GError       **error)
{
  g_return_val_if_fail (G_IS_TASK (result), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
lookup_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;
  char *secret;

  secret = secret_password_lookup_finish (result, &error);

  if (error != NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, secret, (GDestroyNotify) roster_secret_store_free_secret);
}

void
roster_secret_store_lookup_async (const char          *tenant_id,
                                  RosterSecretKind     kind,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (tenant_id != NULL);
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, roster_secret_store_lookup_async);

  secret_password_lookup (get_schema (), cancellable, lookup_cb, g_steal_pointer (&task),
                          "tenant", tenant_id,
                          "kind", kind_to_string (kind),
                          NULL);
}

char *
roster_secret_store_lookup_finish (GAsyncResult  *result,
                                   GError       **error)
{
  g_return_val_if_fail (G_IS_TASK (result), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
delete_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;

  /* secret_password_clear_finish() returns FALSE with no error when nothing
   * matched, which is success here. */
  secret_password_clear_finish (result, &error);

  if (error != NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_boolean (task, TRUE);
}

void
roster_secret_store_delete_async (const char          *tenant_id,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (tenant_id != NULL);
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, roster_secret_store_delete_async);

  /* Matching on "tenant" alone clears both kinds. */
  secret_password_clear (get_schema (), cancellable, delete_cb, g_steal_pointer (&task),
                         "tenant", tenant_id,
                         NULL);
}

gboolean
roster_secret_store_delete_finish (GAsyncResult  *result,
                                   GError       **error)
{
  g_return_val_if_fail (G_IS_TASK (result), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

void
roster_secret_store_free_secret (char *secret)
{
  if (secret != NULL)
    secret_password_free (secret);
}
