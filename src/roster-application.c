/* roster-application.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "roster-application.h"
#include "roster-environment.h"
#include "roster-tenant-manager.h"
#include "roster-window.h"

struct _RosterApplication
{
  AdwApplication parent_instance;
};

G_DEFINE_FINAL_TYPE (RosterApplication, roster_application, ADW_TYPE_APPLICATION)

/* The environment's tenant is kept for this run only. Its id is new at each
 * start, so an edited copy saved from it stays apart from the next run's. */
static void
add_environment_tenant (RosterTenantManager *manager,
                        const char * const  *environment,
                        RosterClient        *client)
{
  const char *domain = g_environ_getenv ((char **) environment, "AUTH0_DOMAIN");
  const char *token = g_environ_getenv ((char **) environment, "AUTH0_API_TOKEN");
  gboolean uses_token = token != NULL && *token != '\0';
  g_autoptr(RosterTenantConfig) config = NULL;
  g_autofree char *tenant_id = NULL;
  g_autofree char *label = NULL;

  tenant_id = roster_tenant_config_new_id ();
  config = roster_tenant_config_new (tenant_id, domain,
                                     uses_token ? ROSTER_AUTH_METHOD_API_TOKEN
                                                : ROSTER_AUTH_METHOD_CLIENT_CREDENTIALS);
  if (!uses_token)
    roster_tenant_config_set_client_id (config, g_environ_getenv ((char **) environment, "AUTH0_CLIENT_ID"));

  /* Translators: %s is a tenant domain; the tenant comes from AUTH0_DOMAIN */
  label = g_strdup_printf (_("%s (environment)"), domain);
  roster_tenant_config_set_label (config, label);

  roster_tenant_manager_add_unsaved (manager, config, client, uses_token ? token : NULL);
}

/* Opens a window on the tenant the environment names, else on the last
 * tenant used, else on the "No Tenants" page. */
static void
roster_application_activate (GApplication *application)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (application));
  g_auto(GStrv) environment = NULL;
  g_autoptr(RosterClient) client = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GSettings) settings = NULL;
  g_autoptr(RosterTenantManager) manager = NULL;
  g_autofree char *last_organization = NULL;

  if (window == NULL)
    {
      environment = g_get_environ ();
      client = roster_environment_create_client ((const char * const *) environment, &error);
      if (client == NULL)
        g_debug ("No usable tenant in the environment: %s", error->message);

      settings = g_settings_new (APPLICATION_ID);
      manager = roster_tenant_manager_new (settings);
      if (client != NULL)
        add_environment_tenant (manager, (const char * const *) environment, client);

      window = GTK_WINDOW (roster_window_new (GTK_APPLICATION (application), client, error));

      /* A half-set environment is reported on its own page, not hidden
       * behind the saved tenants. */
      if (error == NULL || g_error_matches (error, ROSTER_ENVIRONMENT_ERROR, ROSTER_ENVIRONMENT_ERROR_UNSET))
        roster_window_set_tenant_manager (ROSTER_WINDOW (window), manager);

      last_organization = g_settings_get_string (settings, "last-organization");
      roster_window_restore_organization (ROSTER_WINDOW (window), last_organization);
    }

  gtk_window_present (window);
}

static void
quit_action (GSimpleAction *action,
             GVariant      *parameter,
             gpointer       user_data)
{
  GtkApplication *application = GTK_APPLICATION (user_data);
  g_autoptr(GList) windows = NULL;

  /* Closing each window, instead of g_application_quit(), lets a window
   * refuse while a removal runs. The application ends with its last
   * window. */
  windows = g_list_copy (gtk_application_get_windows (application));
  for (GList *link = windows; link != NULL; link = link->next)
    gtk_window_close (GTK_WINDOW (link->data));
}

static void
about_action (GSimpleAction *action,
              GVariant      *parameter,
              gpointer       user_data)
{
  GtkApplication *application = GTK_APPLICATION (user_data);
  GtkWindow *about;

  about = g_object_new (ADW_TYPE_ABOUT_WINDOW,
                        "transient-for", gtk_application_get_active_window (application),
                        "modal", TRUE,
                        "application-name", "Roster",
                        "application-icon", APPLICATION_ID,
                        "version", PACKAGE_VERSION,
                        "developer-name", _("The Roster developers"),
                        "comments", _("Review and remove the members of Auth0 organizations."),
                        "license-type", GTK_LICENSE_GPL_3_0,
                        /* Translators: your name, to credit you in the About window */
                        "translator-credits", _("translator-credits"),
                        NULL);
  gtk_window_present (about);
}

static const GActionEntry app_actions[] = {
  { "quit", quit_action },
  { "about", about_action },
};

static void
roster_application_startup (GApplication *application)
{
  static const char *quit_accels[] = { "<Control>q", NULL };

  G_APPLICATION_CLASS (roster_application_parent_class)->startup (application);

  g_action_map_add_action_entries (G_ACTION_MAP (application),
                                   app_actions, G_N_ELEMENTS (app_actions),
                                   application);
  gtk_application_set_accels_for_action (GTK_APPLICATION (application), "app.quit", quit_accels);
}

static void
roster_application_class_init (RosterApplicationClass *klass)
{
  GApplicationClass *application_class = G_APPLICATION_CLASS (klass);

  application_class->activate = roster_application_activate;
  application_class->startup = roster_application_startup;
}

static void
roster_application_init (RosterApplication *self)
{
}

RosterApplication *
roster_application_new (const char        *application_id,
                        GApplicationFlags  flags)
{
  g_return_val_if_fail (application_id != NULL, NULL);

  return g_object_new (ROSTER_TYPE_APPLICATION,
                       "application-id", application_id,
                       "flags", flags,
                       "resource-base-path", "/io/github/roster_app/Roster",
                       NULL);
}
