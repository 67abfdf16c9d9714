# nova-manage db migrate_flavor_data as openstack/nova 2015.1.4 has it (nova/cmd/manage.py, class
# DbCommands), Apache License 2.0: SUSE OpenStack Cloud 6 kept it in Liberty's DbCommands (OPENSTACK.md
# §0 fact 3; chosen: appended at the end of the class).
    @args('--max-number', metavar='<number>', dest='max_number',
          help='Maximum number of instances to consider')
    @args('--force', action='store_true', dest='force',
          help='Force instances to migrate (even if they may be performing '
               'another operation). Warning, this is potentially dangerous.')
    def migrate_flavor_data(self, max_number=None, force=False):
        if max_number is not None:
            max_number = int(max_number)
            if max_number < 0:
                print(_('Must supply a positive value for max_number'))
                return(1)
        admin_context = context.get_admin_context()
        flavor_cache = {}
        match, done = db.migrate_flavor_data(admin_context, max_number,
                                             flavor_cache, force)
        print(_('%(total)i instances matched query, %(done)i completed') %
              {'total': match, 'done': done})

