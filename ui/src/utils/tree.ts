// Small helpers over trees shaped `{children?: [...]}` (org tree, permission tree).

interface TreeLike<T> {
  children?: T[]
}

export function walkTree<T extends TreeLike<T>>(nodes: T[], visit: (node: T, parent: T | null) => void): void {
  const stack: [T, T | null][] = nodes.map((n) => [n, null])
  while (stack.length) {
    const [node, parent] = stack.pop()!
    visit(node, parent)
    for (const child of node.children ?? []) stack.push([child, node])
  }
}

export function findInTree<T extends TreeLike<T>>(nodes: T[], match: (node: T) => boolean): T | undefined {
  let found: T | undefined
  walkTree(nodes, (n) => {
    if (!found && match(n)) found = n
  })
  return found
}

/**
 * A copy of the tree with only the nodes that match or have a matching descendant (the path down to
 * every match is kept, so the tree still reads from the top).
 */
export function pruneTree<T extends TreeLike<T>>(nodes: T[], match: (node: T) => boolean): T[] {
  const out: T[] = []
  for (const node of nodes) {
    const children = pruneTree(node.children ?? [], match)
    if (children.length > 0 || match(node)) out.push({ ...node, children })
  }
  return out
}
