#include "modules/org/org_service.hpp"

#include <map>

#include "domain/org.hpp"
#include "modules/common/audit.hpp"

namespace zhifa::modules::org {

nlohmann::json to_json(const OrgRow& o) {
  return {{"id", o.id},
          {"parent_id", o.parent_id ? nlohmann::json(*o.parent_id) : nlohmann::json(nullptr)},
          {"parent_name", o.parent_name},
          {"code", o.code},
          {"name", o.name},
          {"short_name", o.short_name},
          {"kind", o.kind},
          {"level", o.level},
          {"status", o.status},
          {"created_at", o.created_at}};
}

Result<std::int64_t> create_in(db::Tx& tx, const domain::Scope* actor, const NewOrg& in,
                               std::int64_t now) {
  auto kind = domain::parse_org_kind(in.kind);
  if (!kind) {
    return Error::invalid("org.kind", "机构类型不正确: " + in.kind, "unknown org kind: " + in.kind,
                          "kind");
  }
  std::optional<OrgRow> parent;
  if (in.parent_id) {
    parent = find(tx, *in.parent_id);
    if (!parent || (actor && !actor->covers({parent->id, parent->path}))) {
      return Error{ErrorKind::kInvalid, "org.parent", "上级机构不存在或无权访问",
                   "parent org not found or not accessible", "parent_id"};
    }
  } else if (actor && !actor->all) {
    return Error::forbidden("org.root", "只有全局管理员可以创建根机构",
                            "only a global administrator may create a root");
  }
  std::optional<domain::OrgKind> parent_kind;
  if (parent) parent_kind = domain::parse_org_kind(parent->kind);
  if (auto ok = domain::check_org_placement(parent_kind, *kind); !ok) return ok.error();
  if (find_by_code(tx, in.code)) {
    return Error::conflict("org.code_taken", "机构编码已存在: " + in.code,
                           "org code already exists: " + in.code, "code");
  }
  OrgRow row;
  row.parent_id = in.parent_id;
  row.code = in.code;
  row.name = in.name;
  row.short_name = in.short_name;
  row.kind = in.kind;
  row.level = domain::org_level(*kind, parent ? parent->level : 0);
  row.path = parent ? parent->path : "/";
  row.sort = in.sort;
  std::optional<std::int64_t> by;
  if (actor) by = actor->user_id;
  std::int64_t id = insert(tx, row, now, by);
  record(tx, actor, now, id, "org", std::to_string(id), "org.created",
         {{"code", in.code},
          {"name", in.name},
          {"kind", in.kind},
          {"parent_id", in.parent_id ? *in.parent_id : 0}});
  return id;
}

nlohmann::json OrgService::tree(const domain::Scope& scope) {
  auto tx = env_.db->read();
  auto rows = all_in_scope(*tx, scope);
  // Build children lists; an org whose parent the caller cannot see becomes a root.
  std::map<std::int64_t, std::size_t> index;
  for (std::size_t i = 0; i < rows.size(); ++i) index[rows[i].id] = i;
  std::map<std::int64_t, std::vector<std::size_t>> children;
  std::vector<std::size_t> roots;
  for (std::size_t i = 0; i < rows.size(); ++i) {
    if (rows[i].parent_id && index.count(*rows[i].parent_id)) {
      children[*rows[i].parent_id].push_back(i);
    } else {
      roots.push_back(i);
    }
  }
  std::function<nlohmann::json(std::size_t)> node = [&](std::size_t i) {
    const OrgRow& o = rows[i];
    nlohmann::json kids = nlohmann::json::array();
    for (auto c : children[o.id]) kids.push_back(node(c));
    return nlohmann::json{
        {"id", o.id},
        {"code", o.code},
        {"name", o.name},
        {"kind", o.kind},
        {"level", o.level},
        {"status", o.status},
        {"parent_id", o.parent_id ? nlohmann::json(*o.parent_id) : nlohmann::json(nullptr)},
        {"children", kids}};
  };
  nlohmann::json out = nlohmann::json::array();
  for (auto r : roots) out.push_back(node(r));
  return out;
}

nlohmann::json OrgService::stats(const domain::Scope& scope) {
  auto tx = env_.db->read();
  nlohmann::json out = {
      {"city", 0}, {"county", 0}, {"township", 0}, {"body", 0}, {"department", 0}};
  for (const auto& [kind, n] : count_by_kind(*tx, scope)) out[kind] = n;
  return out;
}

nlohmann::json OrgService::list(const domain::Scope& scope, const OrgFilter& filter,
                                std::int64_t page, std::int64_t size) {
  auto tx = env_.db->read();
  std::int64_t total = 0;
  auto rows = org::list(*tx, scope, filter, size, (page - 1) * size, total);
  nlohmann::json items = nlohmann::json::array();
  for (const auto& r : rows) items.push_back(to_json(r));
  return {{"items", items}, {"total", total}};
}

Result<nlohmann::json> OrgService::create(const domain::Scope& scope, const NewOrg& input) {
  std::int64_t now = env_.now();
  auto id = db::with_write(*env_.db, [&](db::Tx& tx) { return create_in(tx, &scope, input, now); });
  if (!id) return id.error();
  auto tx = env_.db->read();
  return to_json(*find(*tx, *id));
}

Result<nlohmann::json> OrgService::update(const domain::Scope& scope, std::int64_t id,
                                          const std::string& name, const std::string& short_name,
                                          const std::string& status) {
  if (status != "active" && status != "disabled") {
    return Error::invalid("org.status", "状态只能是 active 或 disabled",
                          "status must be active or disabled", "status");
  }
  std::int64_t now = env_.now();
  auto r = db::with_write(*env_.db, [&](db::Tx& tx) -> Result<nlohmann::json> {
    auto o = find(tx, id);
    if (!o || !scope.covers({o->id, o->path})) return Error::not_found("机构", "org");
    org::update(tx, id, name, short_name, status, now, scope.user_id);
    record(tx, &scope, now, id, "org", std::to_string(id), "org.updated",
           {{"before", {{"name", o->name}, {"short_name", o->short_name}, {"status", o->status}}},
            {"after", {{"name", name}, {"short_name", short_name}, {"status", status}}}});
    return nlohmann::json::object();
  });
  if (!r) return r.error();
  auto tx = env_.db->read();
  return to_json(*find(*tx, id));
}

}  // namespace zhifa::modules::org
