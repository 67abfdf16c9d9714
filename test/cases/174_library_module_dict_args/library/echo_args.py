#!/usr/bin/python
# A user's module that answers with the arguments it was given.
from ansible.module_utils.basic import AnsibleModule


def main():
    module = AnsibleModule(argument_spec=dict(
        data=dict(type='dict', required=True),
        items=dict(type='list', elements='dict', default=[]),
        name=dict(type='str'),
    ))
    module.exit_json(changed=False, data=module.params['data'], items=module.params['items'],
                     name=module.params['name'])


if __name__ == '__main__':
    main()
