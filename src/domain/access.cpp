#include "domain/access.hpp"

#include <algorithm>

namespace zhifa::domain {

std::optional<DataScope> parse_data_scope(std::string_view s) {
  if (s == "all") return DataScope::kAll;
  if (s == "custom") return DataScope::kCustom;
  if (s == "org") return DataScope::kOrg;
  if (s == "org_and_below") return DataScope::kOrgAndBelow;
  if (s == "division_and_below") return DataScope::kDivision;
  if (s == "self") return DataScope::kSelf;
  return std::nullopt;
}

std::string_view to_string(DataScope s) {
  switch (s) {
    case DataScope::kAll:
      return "all";
    case DataScope::kCustom:
      return "custom";
    case DataScope::kOrg:
      return "org";
    case DataScope::kOrgAndBelow:
      return "org_and_below";
    case DataScope::kDivision:
      return "division_and_below";
    case DataScope::kSelf:
      return "self";
  }
  return "self";
}

bool Scope::has(std::string_view permission) const {
  return permissions.count("*") > 0 || permissions.count(std::string(permission)) > 0;
}

bool Scope::covers(const OrgRef& org) const {
  if (all) return true;
  if (org_ids.count(org.id)) return true;
  return std::any_of(subtree_paths.begin(), subtree_paths.end(),
                     [&](const std::string& p) { return org.path.starts_with(p); });
}

std::string Scope::describe() const {
  if (all) return "all";
  if (!subtree_paths.empty()) return "org_and_below";
  if (!org_ids.empty()) return "org";
  return "self";
}

Scope make_scope(std::int64_t user_id, std::string username, const OrgRef& own_org,
                 const std::vector<RoleGrant>& roles) {
  Scope s;
  s.user_id = user_id;
  s.username = std::move(username);
  s.org_id = own_org.id;
  for (const auto& r : roles) {
    for (const auto& p : r.permissions) s.permissions.insert(p);
    switch (r.scope) {
      case DataScope::kAll:
        s.all = true;
        break;
      case DataScope::kCustom:
        for (const auto& o : r.custom_orgs) s.subtree_paths.push_back(o.path);
        break;
      case DataScope::kOrg:
        s.org_ids.insert(own_org.id);
        break;
      case DataScope::kOrgAndBelow:
        s.subtree_paths.push_back(own_org.path);
        break;
      case DataScope::kDivision:
        s.subtree_paths.push_back(own_org.division_path.empty() ? own_org.path
                                                                : own_org.division_path);
        break;
      case DataScope::kSelf:
        break;
    }
  }
  // Drop subtree paths already inside another one.
  std::sort(s.subtree_paths.begin(), s.subtree_paths.end());
  std::vector<std::string> kept;
  for (const auto& p : s.subtree_paths) {
    if (kept.empty() || !p.starts_with(kept.back())) kept.push_back(p);
  }
  s.subtree_paths = std::move(kept);
  s.self_only = !s.all && s.subtree_paths.empty() && s.org_ids.empty();
  return s;
}

const std::vector<PermissionDef>& permission_catalogue() {
  static const std::vector<PermissionDef> k = {
      {"system", "系统管理", "menu", ""},
      {"system:org:list", "组织机构", "menu", "system"},
      {"system:org:create", "新增机构", "button", "system:org:list"},
      {"system:org:update", "修改机构", "button", "system:org:list"},
      {"system:user:list", "用户管理", "menu", "system"},
      {"system:user:create", "新增用户", "button", "system:user:list"},
      {"system:user:update", "修改用户", "button", "system:user:list"},
      {"system:user:disable", "停用/启用/解锁用户", "button", "system:user:list"},
      {"system:user:reset_password", "重置密码", "button", "system:user:list"},
      {"system:user:view_phone", "查看完整手机号", "button", "system:user:list"},
      {"system:role:list", "角色管理", "menu", "system"},
      {"system:role:create", "新增角色", "button", "system:role:list"},
      {"system:role:update", "修改角色", "button", "system:role:list"},
      {"system:calendar:list", "工作日历", "menu", "system"},
      {"system:calendar:manage", "导入年度放假安排", "button", "system:calendar:list"},
      {"log", "日志审计", "menu", ""},
      {"log:login:list", "登录日志", "menu", "log"},
      {"log:operation:list", "操作日志", "menu", "log"},
      {"people", "人员与主体", "menu", ""},
      {"people:officer:list", "执法人员", "menu", "people"},
      {"people:officer:create", "新增执法人员", "button", "people:officer:list"},
      {"people:officer:view_id", "查看完整身份证号", "button", "people:officer:list"},
      {"people:certificate:manage", "执法证办理(申领、发证、年审、暂扣、吊销)", "button",
       "people:officer:list"},
      {"people:body:list", "执法主体", "menu", "people"},
      {"people:officer:update", "修改执法人员(岗位、领域、法制审核人员)", "button",
       "people:officer:list"},
      {"people:officer:import", "导入执法人员(Excel)", "button", "people:officer:list"},
      {"people:body:confirm", "主体资格确认", "button", "people:body:list"},
      {"people:body:manage", "登记、修改执法主体", "button", "people:body:list"},
      {"people:exam:list", "执法资格考试", "menu", "people"},
      {"people:exam:manage", "组织考试、导入成绩、批量发证", "button", "people:exam:list"},
      {"people:training:list", "执法培训", "menu", "people"},
      {"people:training:manage", "新增培训、导入签到", "button", "people:training:list"},
      {"people:supervisor:list", "监督人员", "menu", "people"},
      {"people:supervisor:manage", "登记、修改监督人员", "button", "people:supervisor:list"},
      {"people:report:list", "人员统计报表", "menu", "people"},
      {"catalogue", "执法事项与裁量", "menu", ""},
      {"catalogue:law:list", "法律法规库", "menu", "catalogue"},
      {"catalogue:law:manage", "录入法律法规和条文", "button", "catalogue:law:list"},
      {"catalogue:matter:list", "执法事项清单", "menu", "catalogue"},
      {"catalogue:matter:manage", "新增、修改、导入执法事项", "button", "catalogue:matter:list"},
      {"catalogue:township:adopt", "县级采用乡镇执法事项清单", "button", "catalogue:matter:list"},
      {"catalogue:benchmark:list", "裁量基准与包容审慎清单", "menu", "catalogue"},
      {"catalogue:benchmark:manage", "新增、修改、导入裁量基准和清单", "button",
       "catalogue:benchmark:list"},
      {"case", "案件办理", "menu", ""},
      {"case:case:list", "行政处罚案件", "menu", "case"},
      {"case:handle", "承办案件(登记线索、调查、告知、送达、执行)", "button", "case:case:list"},
      {"case:approve", "审批案件(立案、决定、结案、中止、终止、移送)", "button", "case:case:list"},
      {"case:review", "法制审核", "button", "case:case:list"},
      {"case:settings:manage", "修改办案规则设置(听证标准、法制审核范围、延长期限)", "button",
       "case:case:list"},
      {"case:av:exempt", "登记音像记录例外(监督人员)", "button", "case:case:list"},
      {"case:template:manage", "编辑执法文书模板", "button", "case:case:list"},
      {"publish", "行政执法公示", "menu", ""},
      {"publish:queue:list", "公示审核台", "menu", "publish"},
      {"publish:approve", "审核发布、撤回公示、不予公开、登记许可等决定", "button",
       "publish:queue:list"},
      {"publish:settings:manage", "修改公示设置(期限、自动发布的主体)", "button",
       "publish:queue:list"},
      {"ledger", "可信账本", "menu", ""},
      {"ledger:event:list", "账本事件", "menu", "ledger"},
      {"ledger:checkpoint:create", "签发检查点", "button", "ledger:event:list"},
  };
  return k;
}

bool is_known_permission(std::string_view key) {
  const auto& c = permission_catalogue();
  return key == "*" ||
         std::any_of(c.begin(), c.end(), [&](const PermissionDef& p) { return p.key == key; });
}

}  // namespace zhifa::domain

namespace zhifa::domain {

bool can_grant(const Scope& caller, DataScope role_scope,
               const std::vector<std::string>& role_permissions) {
  if (caller.has("*") && caller.all) return true;
  if ((role_scope == DataScope::kAll || role_scope == DataScope::kCustom) && !caller.all)
    return false;
  for (const auto& p : role_permissions) {
    if (p == "*" || !caller.has(p)) return false;
  }
  return true;
}

std::string mask_phone(const std::string& phone) {
  if (phone.size() < 7) return phone.empty() ? "" : "****";
  return phone.substr(0, 3) + std::string(phone.size() - 7, '*') + phone.substr(phone.size() - 4);
}

}  // namespace zhifa::domain
