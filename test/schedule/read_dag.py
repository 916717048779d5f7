"""Reads an Airflow DAG file as Python source, without Airflow: its imports, module-level calls, operators (with
their arguments evaluated where they are built from constants), and the task wiring (>> chains, teardowns).
Prints it as JSON. The file must parse as Python 3.8, the Python of the workers the homework used."""

import ast
import json
import sys


def evaluate(node, constants):
    """Constants, names bound to them, str() of them and + between them; anything else as its source text."""
    if isinstance(node, ast.Constant):
        return node.value
    if isinstance(node, ast.Name) and node.id in constants:
        return constants[node.id]
    if isinstance(node, ast.Call) and call_name(node) == "str" and len(node.args) == 1:
        return str(evaluate(node.args[0], constants))
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        left, right = evaluate(node.left, constants), evaluate(node.right, constants)
        if isinstance(left, str) and isinstance(right, str):
            return left + right
    if isinstance(node, ast.Dict):
        return {evaluate(k, constants): evaluate(v, constants) for k, v in zip(node.keys, node.values)}
    if isinstance(node, ast.List):
        return [evaluate(item, constants) for item in node.elts]
    return {"source": ast.unparse(node)}


def call_name(node):
    func = node.func
    if isinstance(func, ast.Name):
        return func.id
    if isinstance(func, ast.Attribute):
        return func.attr
    return ast.unparse(func)


def chain(node):
    """Flattens `a >> b >> c.as_teardown(setups=a)` into its items."""
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.RShift):
        return chain(node.left) + chain(node.right)
    return [node]


def main(path):
    with open(path) as file:
        tree = ast.parse(file.read(), filename=path, feature_version=(3, 8))
    constants, imports, module_calls, operators, edges, teardowns, dag = {}, [], [], {}, [], [], {}

    def visit(statements):
        for statement in statements:
            if isinstance(statement, (ast.Import, ast.ImportFrom)):
                module = getattr(statement, "module", None)
                imports.extend((module + "." if module else "") + alias.name for alias in statement.names)
            elif isinstance(statement, ast.Assign) and isinstance(statement.value, ast.Call) and call_name(statement.value).endswith("Operator"):
                call = statement.value
                operators[statement.targets[0].id] = {
                    "operator": call_name(call),
                    "args": {keyword.arg: evaluate(keyword.value, constants) for keyword in call.keywords},
                }
            elif isinstance(statement, ast.Assign):
                constants[statement.targets[0].id] = evaluate(statement.value, constants)
            elif isinstance(statement, ast.With):
                for item in statement.items:
                    if isinstance(item.context_expr, ast.Call) and call_name(item.context_expr) == "DAG":
                        dag.update({k.arg: evaluate(k.value, constants) for k in item.context_expr.keywords})
                visit(statement.body)
            elif isinstance(statement, ast.Expr) and isinstance(statement.value, ast.BinOp):
                names = []
                for item in chain(statement.value):
                    if isinstance(item, ast.Call) and call_name(item) == "as_teardown":
                        name = item.func.value.id
                        setups = [kw.value.id for kw in item.keywords if kw.arg == "setups"]
                        teardowns.append({"task": name, "setups": setups})
                        names.append(name)
                    else:
                        names.append(item.id)
                edges.extend([a, b] for a, b in zip(names, names[1:]))

    visit(tree.body)
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            module_calls.append(call_name(node))
    print(json.dumps({"imports": imports, "calls": sorted(set(module_calls)), "dag": dag, "operators": operators, "edges": edges, "teardowns": teardowns}))


if __name__ == "__main__":
    main(sys.argv[1])
