#!/usr/bin/python
# A new-style module: AnsibleModule from ansible.module_utils (present on the recording host)
from ansible.module_utils.basic import AnsibleModule


def main():
    module = AnsibleModule(argument_spec=dict(name=dict(type='str', required=True),
                                              shout=dict(type='bool', default=False)),
                           supports_check_mode=True)
    text = 'hello %s' % module.params['name']
    if module.params['shout']:
        text = text.upper()
    module.exit_json(changed=module.params['shout'], greeting=text, ansible_facts=dict(greeted=module.params['name']))


if __name__ == '__main__':
    main()
