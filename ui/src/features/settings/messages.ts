// Messages of the 设置 screen (namespace settings.*), zh-CN and English side by side. The i18n trees in
// ui/src/i18n/ mount them; a unit test checks both languages have the same keys (and `en` is typed as the zh-CN
// tree here, so a missing key already fails the typecheck). Role names come from the shared roles.* namespace.
const zhCN = {
  title: "设置",
  tabs: {
    setup: "本机设置",
    operators: "操作员",
    password: "修改密码",
    about: "关于",
  },
  actions: {
    ok: "确定",
    cancel: "取消",
    save: "保存",
    refresh: "刷新",
  },
  confirmTitle: "系统提示",
  /** Text rules of the forms on this screen ({label} is the field's name). */
  rules: {
    required: "{label}不能为空",
    passwordPolicy: "密码至少 8 个字符，且须同时包含英文字母和数字",
    passwordMismatch: "两次输入的密码不一致",
    loginLength: "长度在 2 到 32 个字符",
    loginChars: "用户名只能包含字母、汉字、数字和 . _ - {'@'}",
  },
  placeholders: {
    input: "请输入{label}",
    select: "请选择{label}",
  },
  setup: {
    mode: "工作模式",
    /** The same words as the Rust side's Mode::label (crates/liaison-core/src/setup.rs). */
    modes: {
      station: "联络站模式",
      office: "机关模式",
    },
    stationCode: "联络站编码",
    stationName: "联络站名称",
    cityName: "城市名称",
    idleLock: "空闲锁定时间（分钟）",
    idleHint: "超过该时间无人操作，窗口自动锁定，需重新输入密码（1 到 240 分钟）",
    adminOnly: "仅管理员可修改",
    stationRequired: "联络站模式须填写联络站编码或名称",
    saved: "保存成功",
  },
  operators: {
    add: "新增操作员",
    columns: {
      login: "登录名",
      name: "姓名",
      role: "角色",
      status: "状态",
      lastSignIn: "最近登录",
      lockedUntil: "锁定至",
      actions: "操作",
    },
    status: {
      active: "启用",
      inactive: "停用",
    },
    /** The action buttons that switch an operator off and on (also {action} in the confirmation). */
    toggle: {
      deactivate: "停用",
      activate: "启用",
    },
    changeRole: "修改角色",
    resetPassword: "重置密码",
    /** {action} is 停用 or 启用, {name} the operator's name. */
    confirmStatus: "确认要“{action}”操作员“{name}”吗？",
    statusChanged: "{action}成功",
    created: "新增成功",
    roleChanged: "修改成功",
    passwordReset: "密码已重置",
    fields: {
      operator: "操作员",
      login: "登录名",
      name: "姓名",
      role: "角色",
      password: "密码",
      passwordAgain: "确认密码",
      newPassword: "新密码",
    },
  },
  ownPassword: {
    current: "当前密码",
    next: "新密码",
    again: "确认新密码",
    submit: "修改密码",
    changed: "密码已修改",
  },
  about: {
    dbPath: "数据库文件",
    nodeId: "节点编号",
    schemaVersion: "数据库结构版本",
    logs: "日志文件位于数据目录的 logs 文件夹",
    logsLabel: "日志",
  },
};

const en: typeof zhCN = {
  title: "Settings",
  tabs: {
    setup: "This installation",
    operators: "Operators",
    password: "Change password",
    about: "About",
  },
  actions: {
    ok: "OK",
    cancel: "Cancel",
    save: "Save",
    refresh: "Refresh",
  },
  confirmTitle: "Confirm",
  rules: {
    required: "{label} is required",
    passwordPolicy: "At least 8 characters, with both letters and digits",
    passwordMismatch: "The two passwords do not match",
    loginLength: "2 to 32 characters",
    loginChars: "Only letters, Chinese characters, digits and . _ - {'@'}",
  },
  placeholders: {
    input: "Enter {label}",
    select: "Choose {label}",
  },
  setup: {
    mode: "Mode",
    modes: {
      station: "Station mode",
      office: "Office mode",
    },
    stationCode: "Station code",
    stationName: "Station name",
    cityName: "City",
    idleLock: "Idle lock (minutes)",
    idleHint: "After this long without input the window locks and asks for the password again (1 to 240 minutes)",
    adminOnly: "Only administrators can change these",
    stationRequired: "Station mode needs a station code or name",
    saved: "Saved",
  },
  operators: {
    add: "Add operator",
    columns: {
      login: "Login",
      name: "Name",
      role: "Role",
      status: "Status",
      lastSignIn: "Last sign-in",
      lockedUntil: "Locked until",
      actions: "Actions",
    },
    status: {
      active: "Active",
      inactive: "Deactivated",
    },
    toggle: {
      deactivate: "Deactivate",
      activate: "Activate",
    },
    changeRole: "Change role",
    resetPassword: "Reset password",
    confirmStatus: "{action} operator “{name}”?",
    statusChanged: "{action}: done",
    created: "Operator added",
    roleChanged: "Role changed",
    passwordReset: "Password reset",
    fields: {
      operator: "Operator",
      login: "Login",
      name: "Name",
      role: "Role",
      password: "Password",
      passwordAgain: "Confirm password",
      newPassword: "New password",
    },
  },
  ownPassword: {
    current: "Current password",
    next: "New password",
    again: "Confirm new password",
    submit: "Change password",
    changed: "Password changed",
  },
  about: {
    dbPath: "Database file",
    nodeId: "Node id",
    schemaVersion: "Schema version",
    logs: "The log files are in the logs folder of the data directory",
    logsLabel: "Logs",
  },
};

export default { zhCN, en };
