# lit configuration for crnc's golden tests. The ctest entries pass the build
# locations as --param; see tests/lit/CMakeLists.txt.
import os
import lit.formats

config.name = 'crnc'
config.test_format = lit.formats.ShTest(execute_external=True)
config.suffixes = ['.crn', '.crnir', '.test', '.pil']
config.excludes = ['Inputs', 'lit.cfg.py', 'expect-exit.sh']
config.test_source_root = os.path.dirname(__file__)

params = lit_config.params
bin_dir = params.get('crnc_bin_dir')
build_dir = params.get('crnc_build_dir')
tools_dir = params.get('llvm_tools_dir', '/usr/lib/llvm-14/bin')
source_dir = params.get('crnc_source_dir', os.path.join(config.test_source_root, '..', '..'))
if not bin_dir or not build_dir:
    lit_config.fatal('run through ctest, or pass --param crnc_bin_dir=... --param crnc_build_dir=...')

config.test_exec_root = os.path.join(build_dir, 'tests', 'lit')
config.environment['PATH'] = os.pathsep.join([bin_dir, tools_dir, config.environment.get('PATH', '')])
config.substitutions.append(('%expect-exit', 'sh ' + os.path.join(config.test_source_root, 'expect-exit.sh')))
config.substitutions.append(('%crnc-opt', os.path.join(bin_dir, 'crnc-opt')))
config.substitutions.append(('%crnc', os.path.join(bin_dir, 'crnc')))
config.substitutions.append(('%examples', os.path.join(source_dir, 'examples')))
config.substitutions.append(('%python', '/usr/bin/python3'))
