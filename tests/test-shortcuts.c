/* test-shortcuts.c: checks that the shortcuts window lists Roster's keyboard
 * shortcuts and that each one it lists reaches a handler in the window.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>

#include "roster-application.h"
#include "roster-window.h"

#define HELP_OVERLAY_RESOURCE "/io/github/roster_app/Roster/gtk/help-overlay.ui"

/* One key combination. */
typedef struct
{
  guint           keyval;
  GdkModifierType modifiers;
} Key;

/* Shortcuts that every GNOME app of Roster's kind offers, plus the ones of
 * the members list. */
static const char * const required_accelerators[] = {
  "<Control>f",
  "<Control>a",
  "Delete",
  "Escape",
  "F5",
  "<Control>r",
  "F10",
  "<Control>question",
  "<Control>w",
  "<Control>q",
};

static GtkApplication *application;

static Key
parse_key (const char *accelerator)
{
  Key key = { 0, 0 };

  g_assert_true (gtk_accelerator_parse (accelerator, &key.keyval, &key.modifiers));
  key.keyval = gdk_keyval_to_lower (key.keyval);

  return key;
}

/* Returns every accelerator the shortcuts window lists, one key combination
 * each: "F5 <Control>r" counts as two. */
static GPtrArray *
collect_listed_accelerators (void)
{
  g_autoptr(GtkBuilder) builder = gtk_builder_new_from_resource (HELP_OVERLAY_RESOURCE);
  g_autoptr(GSList) objects = gtk_builder_get_objects (builder);
  GPtrArray *accelerators = g_ptr_array_new_with_free_func (g_free);
  GtkWindow *overlay = GTK_WINDOW (gtk_builder_get_object (builder, "help_overlay"));

  for (GSList *link = objects; link != NULL; link = link->next)
    {
      g_autofree char *accelerator = NULL;
      g_auto(GStrv) parts = NULL;

      if (!GTK_IS_SHORTCUTS_SHORTCUT (link->data))
        continue;

      g_object_get (link->data, "accelerator", &accelerator, NULL);
      parts = g_strsplit (accelerator, " ", -1);
      for (guint i = 0; parts[i] != NULL; i++)
        if (parts[i][0] != '\0')
          g_ptr_array_add (accelerators, g_strdup (parts[i]));
    }

  gtk_window_destroy (overlay);

  return accelerators;
}

static gboolean
trigger_matches (GtkShortcutTrigger *trigger,
                 Key                 key)
{
  if (GTK_IS_ALTERNATIVE_TRIGGER (trigger))
    return trigger_matches (gtk_alternative_trigger_get_first (GTK_ALTERNATIVE_TRIGGER (trigger)), key) ||
           trigger_matches (gtk_alternative_trigger_get_second (GTK_ALTERNATIVE_TRIGGER (trigger)), key);

  if (GTK_IS_KEYVAL_TRIGGER (trigger))
    return gdk_keyval_to_lower (gtk_keyval_trigger_get_keyval (GTK_KEYVAL_TRIGGER (trigger))) == key.keyval &&
           gtk_keyval_trigger_get_modifiers (GTK_KEYVAL_TRIGGER (trigger)) == key.modifiers;

  return FALSE;
}

/* Whether @widget or one of its ancestors, by its class actions, or the
 * window or application, by their action maps, provides @name ("win.refresh",
 * "window.close", "app.quit"). */
static gboolean
action_exists (GtkWidget  *widget,
               const char *name)
{
  g_autofree char *prefix = NULL;
  const char *dot = strchr (name, '.');

  g_assert_nonnull (dot);
  prefix = g_strndup (name, dot - name);

  if (g_str_equal (prefix, "app"))
    return g_action_map_lookup_action (G_ACTION_MAP (application), dot + 1) != NULL;

  for (GtkWidget *owner = widget; owner != NULL; owner = gtk_widget_get_parent (owner))
    {
      const char *action_name;
      const GVariantType *parameter_type;
      const char *property_name;
      GType owner_type;

      if (g_str_equal (prefix, "win") && GTK_IS_APPLICATION_WINDOW (owner) &&
          g_action_map_lookup_action (G_ACTION_MAP (owner), dot + 1) != NULL)
        return TRUE;

      for (guint i = 0;
           gtk_widget_class_query_action (GTK_WIDGET_GET_CLASS (owner), i, &owner_type,
                                          &action_name, &parameter_type, &property_name);
           i++)
        if (g_str_equal (action_name, name))
          return TRUE;
    }

  return FALSE;
}

/* Whether a primary GtkMenuButton, which GtkWindow opens on F10, sits in
 * the window. */
static gboolean
has_primary_menu_button (GtkWidget *widget)
{
  if (GTK_IS_MENU_BUTTON (widget) && gtk_menu_button_get_primary (GTK_MENU_BUTTON (widget)))
    return TRUE;

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (has_primary_menu_button (child))
      return TRUE;

  return FALSE;
}

/* Describes how @widget's shortcut controllers handle @key from anywhere
 * in the window: the named action, "callback" for code run directly, or
 * NULL when none matches. A named action that does not exist fails the
 * test. */
static char *
find_handler_in_widget (GtkWidget *widget,
                        Key        key)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);

      if (!GTK_IS_SHORTCUT_CONTROLLER (controller))
        continue;

      /* A local controller below the window acts only while the focus is
       * inside its widget, such as GtkSearchEntry's Ctrl+G, so it does not
       * count as handling the key for the whole window. */
      if (!GTK_IS_WINDOW (widget) &&
          gtk_shortcut_controller_get_scope (GTK_SHORTCUT_CONTROLLER (controller)) == GTK_SHORTCUT_SCOPE_LOCAL)
        continue;

      for (guint j = 0; j < g_list_model_get_n_items (G_LIST_MODEL (controller)); j++)
        {
          g_autoptr(GtkShortcut) shortcut = g_list_model_get_item (G_LIST_MODEL (controller), j);
          GtkShortcutAction *action = gtk_shortcut_get_action (shortcut);
          const char *action_name;

          if (!trigger_matches (gtk_shortcut_get_trigger (shortcut), key))
            continue;

          if (!GTK_IS_NAMED_ACTION (action))
            return g_strdup ("callback");

          action_name = gtk_named_action_get_action_name (GTK_NAMED_ACTION (action));
          if (!action_exists (widget, action_name))
            g_error ("%s binds a key to the missing action %s", G_OBJECT_TYPE_NAME (widget), action_name);

          return g_strdup (action_name);
        }
    }

  return NULL;
}

static char *
find_handler_in_tree (GtkWidget *widget,
                      Key        key)
{
  char *handler = find_handler_in_widget (widget, key);

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       handler == NULL && child != NULL;
       child = gtk_widget_get_next_sibling (child))
    handler = find_handler_in_tree (child, key);

  return handler;
}

/* Describes what handles @accelerator in @window: an application accel's
 * action, or a shortcut controller of the window or of a widget in it. */
static char *
find_handler (GtkWidget  *window,
              const char *accelerator)
{
  g_auto(GStrv) actions = gtk_application_get_actions_for_accel (application, accelerator);
  Key key = parse_key (accelerator);

  if (actions[0] != NULL)
    {
      g_autofree char *action_name = NULL;
      g_autoptr(GVariant) target = NULL;

      g_assert_true (g_action_parse_detailed_name (actions[0], &action_name, &target, NULL));
      g_assert_true (action_exists (window, action_name));

      return g_steal_pointer (&action_name);
    }

  return find_handler_in_tree (window, key);
}

static RosterWindow *
create_window (void)
{
  RosterWindow *window = roster_window_new (application, NULL, NULL);

  gtk_window_present (GTK_WINDOW (window));

  return window;
}

static void
test_listed_shortcuts_have_handlers (void)
{
  RosterWindow *window = create_window ();
  g_autoptr(GPtrArray) accelerators = collect_listed_accelerators ();

  g_assert_cmpuint (accelerators->len, >, 0);

  for (guint i = 0; i < accelerators->len; i++)
    {
      const char *accelerator = g_ptr_array_index (accelerators, i);
      g_autofree char *handler = find_handler (GTK_WIDGET (window), accelerator);

      g_test_message ("%s → %s", accelerator, handler ? handler : "nothing");
      if (handler == NULL)
        g_test_fail_printf ("The shortcuts window lists %s, but nothing in the window handles it",
                            accelerator);
    }

  gtk_window_destroy (GTK_WINDOW (window));
}

static gboolean
list_contains_key (GPtrArray *accelerators,
                   Key        key)
{
  for (guint i = 0; i < accelerators->len; i++)
    {
      Key listed = parse_key (g_ptr_array_index (accelerators, i));

      if (listed.keyval == key.keyval && listed.modifiers == key.modifiers)
        return TRUE;
    }

  return FALSE;
}

static void
test_required_shortcuts_are_listed (void)
{
  g_autoptr(GPtrArray) accelerators = collect_listed_accelerators ();

  for (guint i = 0; i < G_N_ELEMENTS (required_accelerators); i++)
    if (!list_contains_key (accelerators, parse_key (required_accelerators[i])))
      g_test_fail_printf ("The shortcuts window does not list %s", required_accelerators[i]);
}

static void
test_shortcuts_window_action (void)
{
  RosterWindow *window = create_window ();
  g_auto(GStrv) actions = gtk_application_get_actions_for_accel (application, "<Control>question");

  g_assert_nonnull (gtk_application_window_get_help_overlay (GTK_APPLICATION_WINDOW (window)));
  g_assert_cmpstr (actions[0], ==, "win.show-help-overlay");
  g_assert_true (action_exists (GTK_WIDGET (window), "win.show-help-overlay"));

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_f10_opens_primary_menu (void)
{
  RosterWindow *window = create_window ();

  g_assert_true (has_primary_menu_button (GTK_WIDGET (window)));

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

  /* RosterApplication, so that its startup adds app.quit and the help
   * overlay accelerator exactly as the real app does. */
  application = GTK_APPLICATION (roster_application_new ("io.github.roster_app.Roster.ShortcutsTest",
                                                         G_APPLICATION_NON_UNIQUE));
  g_application_register (G_APPLICATION (application), NULL, &error);
  g_assert_no_error (error);

  g_test_add_func ("/shortcuts/listed-have-handlers", test_listed_shortcuts_have_handlers);
  g_test_add_func ("/shortcuts/required-are-listed", test_required_shortcuts_are_listed);
  g_test_add_func ("/shortcuts/help-overlay-action", test_shortcuts_window_action);
  g_test_add_func ("/shortcuts/f10-primary-menu", test_f10_opens_primary_menu);

  status = g_test_run ();

  g_clear_object (&application);

  return status;
}
