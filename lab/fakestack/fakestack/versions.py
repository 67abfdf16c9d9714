"""What each API answers on its root (`GET /`), per release: the status and the version document
of the real service, from its code.

  keystone  300 Multiple Choices, {"versions": {"values": [...]}}: v2.0 and v3.0 (Juno) / v3.4
            (Liberty), 'stable'   keystone/controllers.py Version.get_versions @ 2014.2.4, 8.0.0
  glance    300, {"versions": [...]}: v2.2..v2.0 + v1.1/v1.0 (Juno), v2.3 CURRENT..v2.0 + v1.1/
            v1.0 SUPPORTED (Liberty; v3 only with enable_v3_api, off by default)
            glance/api/versions.py Controller.index @ 2014.2.4, 11.0.0
  nova      200, {"versions": [...]}: v2.0 CURRENT (Juno; v2.1 only with osapi_v3 enabled, off by
            default), v2.0 SUPPORTED + v2.1 CURRENT 2.1..2.12 (Liberty)
            nova/api/openstack/compute/versions.py and views/versions.py @ 2014.2.4, 12.0.0
  cinder    200, {"versions": [...]}: v1.0 SUPPORTED, v2.0 CURRENT
            cinder/api/versions.py Versions.index @ 2014.2.4, 7.0.0
  neutron   200, {"versions": [{"id": "v2.0", "status": "CURRENT", links}]}
            neutron/api/versions.py @ 2014.2.4, 7.0.0
  heat      300, {"versions": [{"id": "v1.0", "status": "CURRENT", links}]}
            heat/api/openstack/versions.py @ 2014.2.4, heat/api/versions.py @ 5.0.0
The links are built from the request's host URL, as each service's view builder does."""


def _self(url):
    return [{'rel': 'self', 'href': url}]


def keystone(base, liberty):
    json = 'application/vnd.openstack.identity-%s+json'
    v2 = {'id': 'v2.0', 'status': 'stable', 'updated': '2014-04-17T00:00:00Z',
          'links': _self(base + '/v2.0/') + [{'rel': 'describedby', 'type': 'text/html', 'href': 'http://docs.openstack.org/'}],
          'media-types': [{'base': 'application/json', 'type': json % 'v2.0'}]}
    v3 = {'id': 'v3.4' if liberty else 'v3.0', 'status': 'stable',
          'updated': '2015-03-30T00:00:00Z' if liberty else '2013-03-06T00:00:00Z',
          'links': _self(base + '/v3/'), 'media-types': [{'base': 'application/json', 'type': json % 'v3'}]}
    return 300, {'versions': {'values': [v2, v3]}}


def glance(base, liberty):
    v2 = [('2.3', 'CURRENT'), ('2.2', 'SUPPORTED'), ('2.1', 'SUPPORTED'), ('2.0', 'SUPPORTED')] if liberty else \
        [('2.2', 'CURRENT'), ('2.1', 'SUPPORTED'), ('2.0', 'SUPPORTED')]
    v1 = [('1.1', 'SUPPORTED'), ('1.0', 'SUPPORTED')] if liberty else [('1.1', 'CURRENT'), ('1.0', 'SUPPORTED')]
    return 300, {'versions': [{'id': 'v' + v, 'status': s, 'links': _self('%s/v%s/' % (base, v[0]))} for v, s in v2 + v1]}


def nova(base, liberty):
    v20 = {'id': 'v2.0', 'status': 'SUPPORTED' if liberty else 'CURRENT', 'updated': '2011-01-21T11:33:21Z',
           'links': _self(base + '/v2/')}
    if not liberty:
        return 200, {'versions': [v20]}
    v20.update(version='', min_version='')
    v21 = {'id': 'v2.1', 'status': 'CURRENT', 'version': '2.12', 'min_version': '2.1', 'updated': '2013-07-23T11:33:21Z',
           'links': _self(base + '/v2.1/')}
    return 200, {'versions': [v20, v21]}


def cinder(base, liberty):
    return 200, {'versions': [
        {'id': 'v1.0', 'status': 'SUPPORTED', 'updated': '2014-06-28T12:20:21Z', 'links': _self(base + '/v1/')},
        {'id': 'v2.0', 'status': 'CURRENT', 'updated': '2012-11-21T11:33:21Z', 'links': _self(base + '/v2/')}]}


def neutron(base, liberty):
    return 200, {'versions': [{'id': 'v2.0', 'status': 'CURRENT', 'links': _self(base + '/v2.0')}]}


def heat(base, liberty):
    return 300, {'versions': [{'id': 'v1.0', 'status': 'CURRENT', 'links': _self(base + '/v1/')}]}


def root(project, release, base):
    """(status, document) of `GET /` for the project's service of this release."""
    return globals()[project](base.rstrip('/'), release != 'juno')
