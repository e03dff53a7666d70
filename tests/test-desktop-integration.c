/* test-desktop-integration.c: the main window restores and saves its size
 * through GSettings, and app.about opens the About window.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>

#include "roster-application.h"
#include "roster-window.h"

static GtkApplication *application;

static AdwAboutWindow *
find_about_window (void)
{
  g_autoptr(GList) toplevels = gtk_window_list_toplevels ();

  for (GList *link = toplevels; link != NULL; link = link->next)
    if (ADW_IS_ABOUT_WINDOW (link->data))
      return link->data;

  return NULL;
}

static void
test_window_restores_size (void)
{
  g_autoptr(GSettings) settings = g_settings_new (APPLICATION_ID);
  RosterWindow *window;
  int width;
  int height;

  g_settings_set_int (settings, "window-width", 812);
  g_settings_set_int (settings, "window-height", 604);

  window = roster_window_new (application, NULL, NULL);
  gtk_window_get_default_size (GTK_WINDOW (window), &width, &height);

  g_assert_cmpint (width, ==, 812);
  g_assert_cmpint (height, ==, 604);

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_window_saves_size_on_close (void)
{
  g_autoptr(GSettings) settings = g_settings_new (APPLICATION_ID);
  RosterWindow *window = roster_window_new (application, NULL, NULL);

  gtk_window_present (GTK_WINDOW (window));
  gtk_window_set_default_size (GTK_WINDOW (window), 905, 655);
  gtk_window_close (GTK_WINDOW (window));

  g_assert_cmpint (g_settings_get_int (settings, "window-width"), ==, 905);
  g_assert_cmpint (g_settings_get_int (settings, "window-height"), ==, 655);
  g_assert_false (g_settings_get_boolean (settings, "window-maximized"));
}

static void
test_about_window (void)
{
  RosterWindow *window = roster_window_new (application, NULL, NULL);
  AdwAboutWindow *about;

  gtk_window_present (GTK_WINDOW (window));
  g_action_group_activate_action (G_ACTION_GROUP (application), "about", NULL);

  about = find_about_window ();
  g_assert_nonnull (about);
  g_assert_cmpstr (adw_about_window_get_application_name (about), ==, "Roster");
  g_assert_cmpstr (adw_about_window_get_application_icon (about), ==, APPLICATION_ID);
  g_assert_cmpstr (adw_about_window_get_version (about), ==, PACKAGE_VERSION);
  g_assert_cmpint (adw_about_window_get_license_type (about), ==, GTK_LICENSE_GPL_3_0);
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (about)) == GTK_WINDOW (window));
  g_assert_true (gtk_window_get_modal (GTK_WINDOW (about)));

  gtk_window_destroy (GTK_WINDOW (about));
  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  int status;

  g_test_init (&argc, &argv, NULL);
  gtk_disable_setlocale ();

  if (!gtk_init_check ())
    {
      g_print ("1..0 # SKIP no display\n");
      return 0;
    }

  adw_init ();
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);

  /* RosterApplication, so that its startup installs app.about as the real
   * app does. */
  application = GTK_APPLICATION (roster_application_new ("io.github.roster_app.Roster.DesktopTest",
                                                         G_APPLICATION_NON_UNIQUE));
  g_application_register (G_APPLICATION (application), NULL, &error);
  g_assert_no_error (error);

  g_test_add_func ("/desktop/window/restores-size", test_window_restores_size);
  g_test_add_func ("/desktop/window/saves-size-on-close", test_window_saves_size_on_close);
  g_test_add_func ("/desktop/about-window", test_about_window);

  status = g_test_run ();

  g_clear_object (&application);

  return status;
}
