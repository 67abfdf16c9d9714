"""What the tools write to their log files instead of the terminal (/var/log/<project>/)."""
import datetime
import os
import traceback


def _path(tool):
    project = tool.split('-')[0]
    # FAKESTACK_LOG: another root for the logs when the tools run outside a lab host (tests)
    return '%s/%s/%s.log' % (os.environ.get('FAKESTACK_LOG', '/var/log'), project, tool)


def log(tool, line):
    try:
        os.makedirs(os.path.dirname(_path(tool)), exist_ok=True)
        with open(_path(tool), 'a') as f:
            f.write('%s %d INFO %s\n' % (datetime.datetime.now().isoformat(sep=' ', timespec='milliseconds'), os.getpid(), line))
    except OSError:
        pass


def exception(tool):
    log(tool, 'ERROR ' + traceback.format_exc().replace('\n', '\n    '))
