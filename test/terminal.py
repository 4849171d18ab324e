# Runs a command on a pseudo-terminal and answers its prompts: argv[1] the command (JSON list),
# argv[2] a JSON list of [prompt, answer]. Prints {"code", "out"} as JSON (what the terminal showed).
import os, pty, sys, json
args = json.loads(sys.argv[1]); answers = json.loads(sys.argv[2])
pid, fd = pty.fork()
if pid == 0:
    os.execvp(args[0], args)
out = b''
def read_until(token):
    global out
    while token not in out:
        try: chunk = os.read(fd, 1024)
        except OSError: break
        if not chunk: break
        out += chunk
for prompt, answer in answers:
    read_until(prompt.encode())
    os.write(fd, answer.encode())
while True:
    try: chunk = os.read(fd, 1024)
    except OSError: break
    if not chunk: break
    out += chunk
_, status = os.waitpid(pid, 0)
sys.stdout.write(json.dumps({"code": os.waitstatus_to_exitcode(status), "out": out.decode('utf8', 'replace')}))
